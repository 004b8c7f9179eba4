using System.Text;
using System.Text.Json;
using Slipway.Signing;

namespace Slipway.Tests.Signing;

public sealed class PayloadTests
{
    [Fact]
    public void Simple_signing_payload_is_cosigns_document()
    {
        var payload = SimpleSigning.Create("registry.example.com/acme/demo", "sha256:" + new string('a', 64));

        Assert.Equal(
            """{"critical":{"identity":{"docker-reference":"registry.example.com/acme/demo"},"image":{"docker-manifest-digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},"type":"cosign container image signature"},"optional":null}""",
            Encoding.UTF8.GetString(payload));
        Assert.True(SimpleSigning.TryParse(payload, out var claim, out _));
        Assert.Equal("sha256:" + new string('a', 64), claim!.Digest);
    }

    [Fact]
    public void Statement_is_in_toto_v1_with_the_predicate_unchanged()
    {
        var statement = new InTotoStatement([new InTotoSubject("r.example/a", "ab")], PredicateTypes.Spdx, """{"b":1,"a":[2]}"""u8.ToArray());

        Assert.Equal(
            """{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"r.example/a","digest":{"sha256":"ab"}}],"predicateType":"https://spdx.dev/Document","predicate":{"b":1,"a":[2]}}""",
            Encoding.UTF8.GetString(statement.ToJson()));
    }

    [Fact]
    public void Provenance_claims_only_the_facts_given()
    {
        var facts = new ProvenanceFacts(
            "https://github.com/acme/demo/.github/workflows/release.yml",
            "https://github.com/acme/demo",
            "0123456789abcdef0123456789abcdef01234567",
            "1.2.3",
            "run-42",
            2,
            new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 26, 10, 5, 30, TimeSpan.Zero),
            "refs/heads/main",
            "sha256:cafe");

        var minimal = SlsaProvenance.Build(facts with { FinishedOn = null, Ref = null, ConfigurationDigest = null });

        Assert.Equal(
            """{"buildDefinition":{"buildType":"https://slipway.dev/provenance/release/v1","externalParameters":{"repository":"https://github.com/acme/demo","ref":"refs/heads/main","commit":"0123456789abcdef0123456789abcdef01234567","version":"1.2.3","configurationDigest":"sha256:cafe"},"resolvedDependencies":[{"uri":"git+https://github.com/acme/demo@refs/heads/main","digest":{"gitCommit":"0123456789abcdef0123456789abcdef01234567"}}]},"runDetails":{"builder":{"id":"https://github.com/acme/demo/.github/workflows/release.yml"},"metadata":{"invocationId":"run-42-2","startedOn":"2026-11-26T10:00:00Z","finishedOn":"2026-11-26T10:05:30Z"}}}""".Replace(SlsaProvenance.LegacyBuildType, SlsaProvenance.BuildType, StringComparison.Ordinal),
            Encoding.UTF8.GetString(SlsaProvenance.Build(facts)));
        using var document = JsonDocument.Parse(minimal);
        Assert.False(document.RootElement.GetProperty("runDetails").GetProperty("metadata").TryGetProperty("finishedOn", out _));
        Assert.False(document.RootElement.GetProperty("buildDefinition").GetProperty("externalParameters").TryGetProperty("ref", out _));
    }

    [Theory]
    [InlineData("slsaprovenance", "https://slsa.dev/provenance/v1")]
    [InlineData("spdxjson", "https://spdx.dev/Document")]
    [InlineData("cyclonedx", "https://cyclonedx.org/bom")]
    [InlineData("https://example.com/predicate/v1", "https://example.com/predicate/v1")]
    [InlineData("urn:example:predicate:v1", "urn:example:predicate:v1")]
    public void Attestation_types_resolve_to_predicate_type_URIs(string type, string expected)
    {
        Assert.Equal(expected, PredicateTypes.Resolve(type));
    }

    [Theory]
    [InlineData("vuln")]
    [InlineData("example.com/predicate")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    public void An_unknown_type_that_is_not_a_URI_is_bad_input(string type)
    {
        var error = Assert.Throws<Slipway.Diagnostics.SlipwayException>(() => PredicateTypes.Resolve(type));

        Assert.Equal(Slipway.Diagnostics.ErrorCode.AttestationTypeInvalid, error.Code);
        Assert.Equal(2, error.ExitCode);
    }
}
