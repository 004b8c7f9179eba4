using System.Security.Cryptography;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>Bad input exits 2 with its code, before anything reaches the registry.</summary>
[Collection(Oci.AnonymousRegistryGroup.Name)]
public sealed class BadInputTests(AnonymousRegistry server) : IDisposable
{
    [Fact]
    public async Task A_key_that_is_not_ECDSA_P256_is_refused()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        scenario.Directory.Write("p384.key", p384.ExportPkcs8PrivateKeyPem());

        await AssertRefusedAsync(scenario, "SLW5001", "not ECDSA P-256", null, "sign", scenario.Tagged.ToString(), "--key", "p384.key");
    }

    [Fact]
    public async Task An_RSA_public_key_is_refused_for_verification()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        using var rsa = RSA.Create(2048);
        scenario.Directory.Write("rsa.pub", rsa.ExportSubjectPublicKeyInfoPem());

        await AssertRefusedAsync(scenario, "SLW5001", "an RSA-2048 key, not ECDSA P-256", null, "verify", scenario.Tagged.ToString(), "--key", "rsa.pub");
    }

    [Fact]
    public async Task A_wrong_key_password_is_refused()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        var make = await scenario.CliAsync(Env("right-password"), "key", "generate", "--out", "enc");
        Assert.Equal(0, make.ExitCode);

        await AssertRefusedAsync(scenario, "SLW5002", "wrong password", Env("wrong-password"), "sign", scenario.Tagged.ToString(), "--key", "enc.key");
    }

    [Fact]
    public async Task A_predicate_file_that_is_not_JSON_is_refused()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("predicate.json", "{ not json");

        await AssertRefusedAsync(scenario, "SLW5007", "the predicate is not JSON", null, "attest", scenario.Tagged.ToString(), "--key", "cosign.key", "--type", "spdxjson", "--predicate", "predicate.json");
    }

    [Theory]
    [InlineData("spdxjson", """{"artifacts":[]}""", "sbom.json: not an SPDX 2.3 or CycloneDX 1.5+ JSON SBOM")]
    [InlineData("cyclonedx", """{"spdxVersion":"SPDX-2.3","packages":[]}""", "sbom.json: the predicate is an SPDX SBOM, but the type is https://cyclonedx.org/bom")]
    public async Task An_SBOM_predicate_that_is_not_the_SBOM_its_type_names_is_refused(string type, string predicate, string message)
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("sbom.json", predicate);

        await AssertRefusedAsync(scenario, "SLW5010", message, null, "attest", scenario.Tagged.ToString(), "--key", "cosign.key", "--type", type, "--predicate", "sbom.json");
    }

    [Fact]
    public async Task An_unknown_type_that_is_not_a_URI_is_refused()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("predicate.json", "{}");

        await AssertRefusedAsync(scenario, "SLW5009", "unknown attestation type 'vuln-report'", null, "attest", scenario.Tagged.ToString(), "--key", "cosign.key", "--type", "vuln-report", "--predicate", "predicate.json");
    }

    [Fact]
    public async Task A_reference_that_does_not_parse_is_refused()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);

        await AssertRefusedAsync(scenario, "SLW4001", string.Empty, null, "sign", "Not A Reference", "--key", "cosign.key");
    }

    public void Dispose() => server.AttachLogIfFailed();

    private static Dictionary<string, string> Env(string password) => new() { ["SLIPWAY_KEY_PASSWORD"] = password };

    private static async Task AssertRefusedAsync(SigningScenario scenario, string code, string message, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var tagsBefore = await scenario.TagsAsync();
        var filesBefore = scenario.Directory.Snapshot();

        var result = await scenario.CliAsync(environment, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error {code}:", result.Err, StringComparison.Ordinal);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Equal(tagsBefore, await scenario.TagsAsync());
        Assert.Equal(filesBefore, scenario.Directory.Snapshot());
    }
}
