using System.Text;
using System.Text.Json;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

[Collection(Oci.AnonymousRegistryGroup.Name)]
public sealed class SigningTests(AnonymousRegistry server) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_by_tag_signs_the_digest_with_a_cosign_layer_that_openssl_verifies()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);

        var result = await scenario.CliAsync("sign", scenario.Tagged.ToString(), "--key", "cosign.key");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"signed {scenario.Repository.Name}@{scenario.IndexDigest}", result.Out, StringComparison.Ordinal);
        var tag = CosignStore.SignatureTag(scenario.Repository, scenario.IndexDigest);
        var manifest = await scenario.Client.GetManifestAsync(tag, Ct);
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        var layer = Assert.Single(await scenario.LayersAsync(tag));
        Assert.Equal("application/vnd.dev.cosign.simplesigning.v1+json", layer.MediaType);
        using var payload = JsonDocument.Parse(layer.Content);
        var critical = payload.RootElement.GetProperty("critical");
        Assert.Equal(scenario.Repository.Name, critical.GetProperty("identity").GetProperty("docker-reference").GetString());
        Assert.Equal(scenario.IndexDigest.ToString(), critical.GetProperty("image").GetProperty("docker-manifest-digest").GetString());
        Assert.Equal("cosign container image signature", critical.GetProperty("type").GetString());

        var payloadFile = scenario.Directory.Path + "/payload";
        var signatureFile = scenario.Directory.Path + "/sig.der";
        await File.WriteAllBytesAsync(payloadFile, layer.Content, Ct);
        await File.WriteAllBytesAsync(signatureFile, Convert.FromBase64String(layer.Annotations["dev.cosignproject.cosign/signature"]), Ct);
        var openssl = ProcessRunner.Run("openssl", ["dgst", "-sha256", "-verify", scenario.PublicKey, "-signature", signatureFile, payloadFile]);
        Assert.Equal(0, openssl.ExitCode);
        Assert.Contains("Verified OK", openssl.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_without_key_uses_the_configured_key_from_an_environment_variable()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("slipway.toml", """
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '(?<version>.+)' }

            [signing]
            key = "env:RELEASE_SIGNING_KEY"
            """);
        var pem = scenario.Directory.Read("cosign.key");
        var environment = new Dictionary<string, string> { ["RELEASE_SIGNING_KEY"] = pem };

        var result = await scenario.CliAsync(environment, "sign", scenario.Tagged.ToString(), "--verbose");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("with key env:RELEASE_SIGNING_KEY", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(pem.Split('\n')[1], result.Out + result.Err, StringComparison.Ordinal);
        Assert.Equal(0, (await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub")).ExitCode);
    }

    [Fact]
    public async Task Signing_again_with_the_same_key_adds_no_layer_but_another_key_adds_one()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        var image = scenario.Repository.WithDigest(scenario.IndexDigest);
        using var signer = scenario.Signer();
        var signing = new ImageSigning(scenario.Client, signer);
        await signing.SignAsync(image, Ct);
        var tag = CosignStore.SignatureTag(scenario.Repository, scenario.IndexDigest);
        var first = await scenario.Client.ResolveAsync(tag, Ct);

        var again = await signing.SignAsync(image, Ct);

        Assert.True(again.AlreadySigned);
        Assert.Equal(first, await scenario.Client.ResolveAsync(tag, Ct));
        using var other = scenario.Signer(scenario.NewKeyPair("other") + ".key");
        var byOther = await new ImageSigning(scenario.Client, other).SignAsync(image, Ct);
        Assert.False(byOther.AlreadySigned);
        Assert.Equal(2, (await scenario.LayersAsync(tag)).Count);
    }

    [Fact]
    public async Task Attest_writes_a_DSSE_envelope_whose_signature_verifies_over_PAE_bytes_built_here()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("provenance.json", """{"buildDefinition":{"buildType":"https://example.com/t"}}""");

        var result = await scenario.CliAsync("attest", scenario.Tagged.ToString(), "--key", "cosign.key", "--type", "slsaprovenance", "--predicate", "provenance.json");

        Assert.Equal(0, result.ExitCode);
        var layer = Assert.Single(await scenario.LayersAsync(CosignStore.AttestationTag(scenario.Repository, scenario.IndexDigest)));
        Assert.Equal("application/vnd.dsse.envelope.v1+json", layer.MediaType);
        Assert.Equal("https://slsa.dev/provenance/v1", layer.Annotations["predicateType"]);
        using var envelope = JsonDocument.Parse(layer.Content);
        var payloadType = envelope.RootElement.GetProperty("payloadType").GetString()!;
        var payload = Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!);
        var signature = Convert.FromBase64String(envelope.RootElement.GetProperty("signatures")[0].GetProperty("sig").GetString()!);
        Assert.Equal("application/vnd.in-toto+json", payloadType);

        // PAE per the DSSE protocol, written out here rather than taken from the product.
        var pae = Encoding.UTF8.GetBytes($"DSSEv1 {Encoding.UTF8.GetByteCount(payloadType)} {payloadType} {payload.Length} ").Concat(payload).ToArray();
        await File.WriteAllBytesAsync(scenario.Directory["pae"], pae, Ct);
        await File.WriteAllBytesAsync(scenario.Directory["sig.der"], signature, Ct);
        var openssl = ProcessRunner.Run("openssl", ["dgst", "-sha256", "-verify", scenario.PublicKey, "-signature", scenario.Directory["sig.der"], scenario.Directory["pae"]]);
        Assert.Contains("Verified OK", openssl.Out, StringComparison.Ordinal);

        using var statement = JsonDocument.Parse(payload);
        Assert.Equal("https://in-toto.io/Statement/v1", statement.RootElement.GetProperty("_type").GetString());
        Assert.Equal("https://slsa.dev/provenance/v1", statement.RootElement.GetProperty("predicateType").GetString());
        var subject = Assert.Single(statement.RootElement.GetProperty("subject").EnumerateArray().ToList());
        Assert.Equal(scenario.Repository.Name, subject.GetProperty("name").GetString());
        Assert.Equal(scenario.IndexDigest.Hex, subject.GetProperty("digest").GetProperty("sha256").GetString());
        Assert.Equal("https://example.com/t", statement.RootElement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("buildType").GetString());
    }

    [Fact]
    public async Task Replace_drops_older_layers_of_the_same_predicate_type_and_keeps_the_others()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        var image = scenario.Repository.WithDigest(scenario.IndexDigest);
        using var signer = scenario.Signer();
        var signing = new ImageSigning(scenario.Client, signer);
        await signing.AttestAsync(image, PredicateTypes.Spdx, """{"n":1}"""u8.ToArray(), replace: false, Ct);
        await signing.AttestAsync(image, PredicateTypes.Spdx, """{"n":2}"""u8.ToArray(), replace: false, Ct);
        await signing.AttestAsync(image, "https://example.com/custom/v1", """{"x":true}"""u8.ToArray(), replace: false, Ct);
        var tag = CosignStore.AttestationTag(scenario.Repository, scenario.IndexDigest);
        Assert.Equal(3, (await scenario.LayersAsync(tag)).Count);

        var replaced = await signing.AttestAsync(image, PredicateTypes.Spdx, """{"n":3}"""u8.ToArray(), replace: true, Ct);

        Assert.Equal(2, replaced.Replaced);
        var layers = await scenario.LayersAsync(tag);
        Assert.Equal(["https://example.com/custom/v1", PredicateTypes.Spdx], layers.Select(l => l.Annotations["predicateType"]));
        Assert.True(DsseEnvelope.TryParse(layers[1].Content, out var envelope, out _));
        Assert.Contains("\"n\":3", Encoding.UTF8.GetString(envelope!.Payload), StringComparison.Ordinal);
        var same = await signing.AttestAsync(image, PredicateTypes.Spdx, """{"n":3}"""u8.ToArray(), replace: true, Ct);
        Assert.True(same.AlreadyAttested);
    }

    [Fact]
    public async Task SBOMs_are_attested_per_platform_never_at_the_index_and_skip_the_attestation_entry()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        using var signer = scenario.Signer();
        var asked = new List<string>();

        var results = await new ImageSigning(scenario.Client, signer).AttestSbomsAsync(
            scenario.Tagged,
            (target, _) =>
            {
                asked.Add(target.PlatformText);
                return Task.FromResult(SbomFixtures.Spdx(60, target.PlatformText));
            },
            _ => SbomFloor.Compute(50, null),
            Ct);

        Assert.Equal(["linux/amd64", "linux/arm64/v8", "linux/arm/v7"], asked);
        Assert.Equal(scenario.Platforms.Select(p => p.Digest), results.Select(r => r.Digest));
        var tags = await scenario.TagsAsync();
        foreach (var platform in scenario.Platforms)
        {
            Assert.Contains(platform.Digest.TagSafe + ".att", tags);
        }

        Assert.DoesNotContain(scenario.IndexDigest.TagSafe + ".att", tags);
        Assert.DoesNotContain(scenario.AttestationEntry.Digest.TagSafe + ".att", tags);
        var verify = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub", "--attestation", "spdxjson");
        Assert.Equal(1, verify.ExitCode); // not signed yet: the SBOM checks pass, the signature check fails
        Assert.Equal(6, verify.Out.Split('\n').Count(l => l.Contains("ok    attestation https://spdx.dev/Document", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_SBOM_below_its_floor_stops_before_anything_is_attested()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        using var signer = scenario.Signer();
        var before = await scenario.TagsAsync();

        var error = await Assert.ThrowsAsync<Slipway.Diagnostics.SlipwayException>(() => new ImageSigning(scenario.Client, signer).AttestSbomsAsync(
            scenario.Tagged,
            (target, _) => Task.FromResult(SbomFixtures.Spdx(target.PlatformText == "linux/arm/v7" ? 70 : 120, target.PlatformText)),
            _ => SbomFloor.Compute(50, previousCount: 100),
            Ct));

        Assert.Equal(Slipway.Diagnostics.ErrorCode.SbomBelowFloor, error.Code);
        Assert.Contains("70 package(s), below its floor of 80", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.TagsAsync());
    }

    [Fact]
    public async Task Verify_passes_for_a_signed_and_attested_image_and_prints_payloads_as_json()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        using var signer = scenario.Signer();
        // The legacy layout alone: the checks and payloads below are the .sig and .att ones.
        var signing = new ImageSigning(scenario.Client, signer, SignatureFormat.Legacy);
        await signing.SignAsync(scenario.Tagged, Ct);
        await signing.AttestProvenanceAsync(
            scenario.Tagged,
            new ProvenanceFacts("https://example.com/builder", "https://example.com/acme/demo.git", new string('a', 40), "1.2.3", "run-1", 1, DateTimeOffset.UnixEpoch),
            Ct);
        await signing.AttestSbomsAsync(scenario.Tagged, (t, _) => Task.FromResult(SbomFixtures.CycloneDx(55)), _ => SbomFloor.Compute(50, null), Ct);

        var text = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub", "--attestation", "slsaprovenance", "--attestation", "cyclonedx");
        var json = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub", "--attestation", "slsaprovenance", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Equal(5, text.Out.Split('\n').Count(l => l.TrimStart().StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.True(document.RootElement.GetProperty("verified").GetBoolean());
        var checks = document.RootElement.GetProperty("checks");
        Assert.Equal(scenario.IndexDigest.ToString(), checks[0].GetProperty("payload").GetProperty("critical").GetProperty("image").GetProperty("docker-manifest-digest").GetString());
        Assert.Equal("run-1-1", checks[1].GetProperty("payload").GetProperty("predicate").GetProperty("runDetails").GetProperty("metadata").GetProperty("invocationId").GetString());
    }

    [Fact]
    public async Task Remove_deletes_the_signatures_and_attestations_of_a_digest_and_leaves_the_image()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        using var signer = scenario.Signer();
        var signing = new ImageSigning(scenario.Client, signer);
        var image = scenario.Repository.WithDigest(scenario.IndexDigest);
        await signing.SignAsync(image, Ct);
        await signing.AttestAsync(image, PredicateTypes.Spdx, "{}"u8.ToArray(), replace: false, Ct);

        var removed = await ImageSigning.RemoveAsync(scenario.Client, scenario.Repository, scenario.IndexDigest, Ct);

        Assert.Equal(4, removed.Count); // the .sig and .att tags, and both bundle referrers (their fallback index with them)
        Assert.Equal(["v1"], await scenario.TagsAsync());
        Assert.Equal(scenario.IndexDigest, await scenario.Client.ResolveAsync(scenario.Tagged, Ct));
        Assert.Empty(await ImageSigning.RemoveAsync(scenario.Client, scenario.Repository, scenario.IndexDigest, Ct));
    }

    [Fact]
    public async Task RemoveAll_deletes_what_was_written_for_the_index_and_every_platform_digest()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        using var signer = scenario.Signer();
        var signing = new ImageSigning(scenario.Client, signer);
        await signing.SignAsync(scenario.Tagged, Ct);
        await signing.AttestSbomsAsync(scenario.Tagged, (t, _) => Task.FromResult(SbomFixtures.Spdx(50)), _ => SbomFloor.Compute(50, null), Ct);
        // v1, the .sig of the index and the .att of each platform, and the bundles' fallback index of all four digests.
        Assert.Equal(9, (await scenario.TagsAsync()).Count);

        var removed = await ImageSigning.RemoveAllAsync(scenario.Client, scenario.Tagged, Ct);

        Assert.Equal(8, removed.Count);
        Assert.Equal(["v1"], await scenario.TagsAsync());
    }

    public void Dispose() => server.AttachLogIfFailed();
}
