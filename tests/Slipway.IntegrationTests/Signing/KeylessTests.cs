using System.Text;
using System.Text.Json.Nodes;
using Slipway.IntegrationTests.Oci;
using Slipway.Signing;
using Slipway.Signing.Sigstore;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// Keyless signing against the local Fulcio, Rekor, TSA and OIDC issuer (tools/sigstore/services.mjs): the bundles it
/// writes carry the leaf certificate, the Rekor entry with its inclusion proof and SET, and a TSA timestamp, and
/// sigstore's own verifier accepts them with the trusted root of those services. A bad token stops before any push.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class KeylessTests(AnonymousRegistry server, LocalSigstore sigstore) : IClassFixture<LocalSigstore>
{
    private const string Workflow = "https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keyless_signature_and_attestation_bundles_verify_with_sigstores_verifier_and_the_local_trusted_root()
    {
        using var scenario = await KeylessScenarioAsync();
        var token = await sigstore.MintAsync();
        var environment = new Dictionary<string, string> { ["SIGSTORE_ID_TOKEN"] = token };
        scenario.Directory.Write("predicate.json", """{"note":"built"}""");

        var signed = await scenario.CliAsync(environment, "sign", scenario.Tagged.ToString());
        var attested = await scenario.CliAsync(environment, "attest", scenario.Tagged.ToString(), "--type", "https://example.com/note/v1", "--predicate", "predicate.json");

        Assert.Equal(0, signed.ExitCode);
        Assert.Equal(0, attested.ExitCode);
        Assert.Contains($"with keyless certificate for {Workflow}", signed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("signature  ", signed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("attestation  ", attested.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(token, signed.Out + signed.Err + attested.Out + attested.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(CosignStore.SignatureTag(scenario.Repository, scenario.IndexDigest).Tag, await scenario.TagsAsync());
        var signature = await BundleFileAsync(scenario, PredicateTypes.CosignSign, "signature.json");
        var bundle = JsonNode.Parse(File.ReadAllText(signature))!["verificationMaterial"]!;
        Assert.NotNull(bundle["certificate"]!["rawBytes"]);
        var entry = bundle["tlogEntries"]![0]!;
        Assert.Equal("dsse", entry["kindVersion"]!["kind"]!.GetValue<string>());
        Assert.NotNull(entry["inclusionPromise"]!["signedEntryTimestamp"]);
        Assert.NotNull(entry["inclusionProof"]!["checkpoint"]!["envelope"]);
        Assert.Single(bundle["timestampVerificationData"]!["rfc3161Timestamps"]!.AsArray());

        var bySigstore = SigstoreVerifier.VerifyKeyless(signature, sigstore.TrustedRoot, scenario.IndexDigest, Workflow, sigstore.Issuer, PredicateTypes.CosignSign);
        var attestation = SigstoreVerifier.VerifyKeyless(
            await BundleFileAsync(scenario, "https://example.com/note/v1", "attestation.json"), sigstore.TrustedRoot, scenario.IndexDigest, Workflow, sigstore.Issuer);

        Assert.True(bySigstore["ok"]!.GetValue<bool>(), bySigstore.ToJsonString());
        Assert.True(attestation["ok"]!.GetValue<bool>(), attestation.ToJsonString());
    }

    [Fact]
    public async Task Keyless_signing_requests_the_token_as_github_actions_hands_it_out()
    {
        using var scenario = await KeylessScenarioAsync();
        var environment = new Dictionary<string, string>
        {
            [IdTokenSource.UrlVariable] = sigstore.Url + "oidc/actions?api-version=2.0",
            [IdTokenSource.TokenVariable] = "local-actions-request-token",
        };

        var signed = await scenario.CliAsync(environment, "sign", scenario.Tagged.ToString());

        Assert.Equal(0, signed.ExitCode);
        Assert.Contains($"with keyless certificate for {Workflow}", signed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("local-actions-request-token", signed.Out + signed.Err, StringComparison.Ordinal);
        var bySigstore = SigstoreVerifier.VerifyKeyless(
            await BundleFileAsync(scenario, PredicateTypes.CosignSign, "signature.json"), sigstore.TrustedRoot, scenario.IndexDigest, Workflow, sigstore.Issuer);
        Assert.True(bySigstore["ok"]!.GetValue<bool>(), bySigstore.ToJsonString());
    }

    [Fact]
    public async Task Sigstores_verifier_refuses_a_keyless_bundle_for_another_workflow_or_with_a_tampered_set()
    {
        using var scenario = await KeylessScenarioAsync();
        var environment = new Dictionary<string, string> { ["SIGSTORE_ID_TOKEN"] = await sigstore.MintAsync() };
        Assert.Equal(0, (await scenario.CliAsync(environment, "sign", scenario.Tagged.ToString())).ExitCode);
        var file = await BundleFileAsync(scenario, PredicateTypes.CosignSign, "signature.json");
        var tampered = JsonNode.Parse(File.ReadAllText(file))!;
        var set = tampered["verificationMaterial"]!["tlogEntries"]![0]!["inclusionPromise"]!;
        var bytes = Convert.FromBase64String(set["signedEntryTimestamp"]!.GetValue<string>());
        bytes[^1] ^= 1;
        set["signedEntryTimestamp"] = Convert.ToBase64String(bytes);
        File.WriteAllText(scenario.Directory["tampered.json"], tampered.ToJsonString());

        var otherWorkflow = SigstoreVerifier.VerifyKeyless(
            file, sigstore.TrustedRoot, scenario.IndexDigest, "https://github.com/evil-org/octo-repo/.github/workflows/release.yml@refs/heads/main", sigstore.Issuer);
        var badSet = SigstoreVerifier.VerifyKeyless(scenario.Directory["tampered.json"], sigstore.TrustedRoot, scenario.IndexDigest, Workflow, sigstore.Issuer);

        Assert.False(otherWorkflow["ok"]!.GetValue<bool>());
        Assert.Equal("UNTRUSTED_SIGNER_ERROR", otherWorkflow["code"]!.GetValue<string>());
        Assert.False(badSet["ok"]!.GetValue<bool>());
        Assert.Equal("TLOG_INCLUSION_PROMISE_ERROR", badSet["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("expired", "SLW5102", "the ID token expired at")]
    [InlineData("audience", "SLW5102", "the ID token's audience is 'pypi', not 'sigstore'")]
    [InlineData("forged", "SLW5103", "Fulcio refused the signing certificate: \"There was an error processing the identity token: signature verification failed\"")]
    [InlineData("missing", "SLW5101", "neither GitHub Actions' token request")]
    public async Task A_token_that_cannot_sign_is_refused_with_exit_2_and_nothing_pushed(string kind, string code, string message)
    {
        using var scenario = await KeylessScenarioAsync();
        var token = kind switch
        {
            "expired" => await sigstore.MintAsync(new { exp = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds() }),
            "audience" => await sigstore.MintAsync(new { aud = "pypi" }),
            "forged" => Forge(await sigstore.MintAsync()),
            _ => null,
        };
        var environment = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["SIGSTORE_ID_TOKEN"] = token };
        var before = await scenario.TagsAsync();

        var result = await scenario.CliAsync(environment, "sign", scenario.Tagged.ToString());

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("slipway: error", StringComparison.Ordinal));
        Assert.Contains(code, line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
        if (token is not null)
        {
            Assert.DoesNotContain(token, result.Out + result.Err, StringComparison.Ordinal);
        }

        Assert.Equal(before, await scenario.TagsAsync());
        Assert.Empty(await new BundleStore(scenario.Client).ReadAsync(scenario.Repository, scenario.IndexDigest, Ct));
    }

    // Another repository in the payload, the issuer's signature kept: only the signature check can tell.
    private static string Forge(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1])))!;
        payload["job_workflow_ref"] = "evil-org/octo-repo/.github/workflows/release.yml@refs/heads/main";
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text + new string('=', (4 - (text.Length % 4)) % 4);
    }

    private async Task<SigningScenario> KeylessScenarioAsync()
    {
        var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("VERSION", "1.0.0");
        scenario.Directory.Write("slipway.toml", $$"""
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '(?<version>.+)' }

            {{sigstore.SigningTable()}}
            """);
        return scenario;
    }

    private static async Task<string> BundleFileAsync(SigningScenario scenario, string predicateType, string name)
    {
        var stored = (await new BundleStore(scenario.Client).ReadAsync(scenario.Repository, scenario.IndexDigest, Ct))
            .Single(b => b.PredicateType == predicateType);
        var manifest = (await scenario.Client.GetManifestAsync(scenario.Repository.WithDigest(stored.Manifest), Ct)).Parse();
        var path = scenario.Directory[name];
        await File.WriteAllBytesAsync(path, await scenario.Client.GetBlobAsync(scenario.Repository, manifest.Layers[0], Ct), Ct);
        return path;
    }
}
