using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Signing.Sigstore;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// Sigstore bundles on the real distribution registry (Debian's 2.8, without the referrers API: the fallback index at
/// <c>sha256-HEX</c> is what finds them), checked by sigstore's own verifier.
/// </summary>
[Collection(Oci.AnonymousRegistryGroup.Name)]
public sealed class BundleTests(AnonymousRegistry server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_bundle_format_writes_cosign_v3s_referrer_and_no_legacy_tag()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);

        var result = await scenario.CliAsync("sign", scenario.Tagged.ToString(), "--key", "cosign.key", "--format", "bundle");

        Assert.Equal(0, result.ExitCode);
        var tags = await scenario.TagsAsync();
        Assert.DoesNotContain(CosignStore.SignatureTag(scenario.Repository, scenario.IndexDigest).Tag, tags);
        Assert.Contains(scenario.IndexDigest.TagSafe, tags);
        var fallback = (await scenario.Client.GetManifestAsync(scenario.Repository.WithTag(scenario.IndexDigest.TagSafe), Ct)).Parse();
        var entry = Assert.Single(fallback.Manifests);
        Assert.Equal(SigstoreBundle.MediaType, entry.ArtifactType);
        Assert.Equal(PredicateTypes.CosignSign, entry.Annotation(BundleStore.PredicateTypeAnnotation));
        Assert.Contains($"bundle     {scenario.Repository.Name}@{entry.Digest}", result.Out, StringComparison.Ordinal);

        var manifest = await scenario.Client.GetManifestAsync(scenario.Repository.WithDigest(entry.Digest), Ct);
        var document = manifest.Parse();
        Assert.Equal(SigstoreBundle.MediaType, document.ArtifactType);
        Assert.Equal(MediaTypes.OciEmpty, document.Config!.MediaType);
        Assert.Equal("{}", Encoding.UTF8.GetString(await scenario.Client.GetBlobAsync(scenario.Repository, document.Config, Ct)));
        Assert.Equal(scenario.IndexDigest, document.Subject!.Digest);
        Assert.Equal(MediaTypes.OciIndex, document.Subject.MediaType);
        Assert.Equal("dsse-envelope", document.Annotations![BundleStore.ContentAnnotation]);
        var layer = Assert.Single(document.Layers);
        Assert.Equal(SigstoreBundle.MediaType, layer.MediaType);

        using var bundle = JsonDocument.Parse(await scenario.Client.GetBlobAsync(scenario.Repository, layer, Ct));
        var hint = bundle.RootElement.GetProperty("verificationMaterial").GetProperty("publicKey").GetProperty("hint").GetString();
        using var verifier = scenario.Verifier();
        Assert.Equal(verifier.Hint, hint);
        var payload = Convert.FromBase64String(bundle.RootElement.GetProperty("dsseEnvelope").GetProperty("payload").GetString()!);
        Assert.Equal(
            $$$"""{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"{{{scenario.IndexDigest.Hex}}}"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}""",
            Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task Key_signed_bundles_of_a_signature_and_an_attestation_verify_with_sigstores_verifier()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("predicate.json", """{"note":"built"}""");
        Assert.Equal(0, (await scenario.CliAsync("sign", scenario.Tagged.ToString(), "--key", "cosign.key", "--format", "bundle")).ExitCode);
        Assert.Equal(0, (await scenario.CliAsync("attest", scenario.Tagged.ToString(), "--key", "cosign.key", "--format", "both", "--type", "https://example.com/note/v1", "--predicate", "predicate.json")).ExitCode);

        var signature = await BundleFileAsync(scenario, PredicateTypes.CosignSign, "signature.json");
        var attestation = await BundleFileAsync(scenario, "https://example.com/note/v1", "attestation.json");

        var signed = SigstoreVerifier.VerifyWithKey(signature, scenario.PublicKey, scenario.IndexDigest, PredicateTypes.CosignSign);
        Assert.True(signed["ok"]!.GetValue<bool>(), signed.ToJsonString());
        var attested = SigstoreVerifier.VerifyWithKey(attestation, scenario.PublicKey, scenario.IndexDigest, "https://example.com/note/v1");
        Assert.True(attested["ok"]!.GetValue<bool>(), attested.ToJsonString());
    }

    [Fact]
    public async Task Sigstores_verifier_refuses_a_tampered_statement_another_key_and_another_subject()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        Assert.Equal(0, (await scenario.CliAsync("sign", scenario.Tagged.ToString(), "--key", "cosign.key", "--format", "bundle")).ExitCode);
        var file = await BundleFileAsync(scenario, PredicateTypes.CosignSign, "bundle.json");
        var other = scenario.NewKeyPair("other");
        var platform = scenario.Platforms[0].Digest;

        var tampered = JsonNode.Parse(File.ReadAllText(file))!;
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(tampered["dsseEnvelope"]!["payload"]!.GetValue<string>()));
        tampered["dsseEnvelope"]!["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace(scenario.IndexDigest.Hex, platform.Hex, StringComparison.Ordinal)));
        var tamperedFile = scenario.Directory["tampered.json"];
        File.WriteAllText(tamperedFile, tampered.ToJsonString());

        var signature = SigstoreVerifier.VerifyWithKey(tamperedFile, scenario.PublicKey, platform);
        var key = SigstoreVerifier.VerifyWithKey(file, other + ".pub", scenario.IndexDigest);
        var subject = SigstoreVerifier.VerifyWithKey(file, scenario.PublicKey, platform);

        Assert.Equal("SIGNATURE_ERROR", signature["code"]!.GetValue<string>());
        Assert.Equal("PUBLIC_KEY_ERROR", key["code"]!.GetValue<string>());
        Assert.Equal("SUBJECT_ERROR", subject["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_passes_on_a_bundle_only_image_and_fails_with_another_key_naming_both_layouts()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        Assert.Equal(0, (await scenario.CliAsync("sign", scenario.Tagged.ToString(), "--key", "cosign.key", "--format", "bundle")).ExitCode);
        var other = scenario.NewKeyPair("other");

        var good = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub");
        var bad = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", other + ".pub");

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("bundle sha256:", good.Out, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("SLW5013", bad.Err, StringComparison.Ordinal);
        Assert.Contains("(bundle): no bundle's signature verifies with", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_twice_pushes_one_bundle_and_removing_it_leaves_another_runs_bundle()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        var image = scenario.Repository.WithDigest(scenario.IndexDigest);
        using var signer = scenario.Signer();
        using var otherSigner = scenario.Signer(scenario.NewKeyPair("other") + ".key");
        var pushed = new List<BundleReferrer>();
        var signing = new ImageSigning(scenario.Client, signer, SignatureFormat.Bundle, beforeBundlePush: (r, _) => { pushed.Add(r); return Task.CompletedTask; });
        var earlier = await new ImageSigning(scenario.Client, otherSigner, SignatureFormat.Bundle).SignAsync(image, Ct);

        var first = await signing.SignAsync(image, Ct);
        var again = await signing.SignAsync(image, Ct);
        var store = new BundleStore(scenario.Client);
        Assert.True(await store.RemoveAsync(scenario.Repository, scenario.IndexDigest, Assert.Single(pushed).Manifest, Ct));

        Assert.False(first.AlreadySigned);
        Assert.True(again.AlreadySigned);
        Assert.Equal(first.Bundle, again.Bundle);
        Assert.Equal(first.Bundle, pushed[0].Manifest);
        var left = Assert.Single(await store.ReadAsync(scenario.Repository, scenario.IndexDigest, Ct));
        Assert.Equal(earlier.Bundle, left.Manifest);
        Assert.Null(await scenario.Client.ResolveAsync(scenario.Repository.WithDigest(first.Bundle!), Ct));
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
