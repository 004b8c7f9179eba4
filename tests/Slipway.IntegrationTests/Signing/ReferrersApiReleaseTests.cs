using System.Text;
using System.Text.RegularExpressions;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.IntegrationTests.Pipeline.Images;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Signing.Sigstore;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// Releases through <see cref="ReferrersFront"/>, a front that gives the real registry the OCI 1.1 referrers API: the
/// bundles are found through the API and no <c>sha256-HEX</c> fallback index is written; they verify with Slipway and
/// with sigstore's verifier after promotion (same digests), and a rollback removes this run's referrers only. On the
/// plain registry the same verify reads the fallback index.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed partial class ReferrersApiReleaseTests(AnonymousRegistry server, LocalSigstore sigstore) : IClassFixture<LocalSigstore>, IDisposable
{
    private const string Workflow = "https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main";

    private readonly TempDirectory _directory = new("referrers");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RegistryFixture Registry => server.Registry;

    public void Dispose()
    {
        server.AttachLogIfFailed();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_keyless_release_through_the_referrers_api_writes_no_fallback_index_and_its_bundles_verify_after_promotion()
    {
        using var front = ReferrersFront.Start(Registry.Host);
        using var project = new ImageReleaseProject(front.Host, "front/keyless", signing: sigstore.SigningTable());
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        var token = await sigstore.MintAsync();
        project.Project.Environment["SIGSTORE_ID_TOKEN"] = token;

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        Assert.DoesNotContain(token, release.Out + release.Err, StringComparison.Ordinal);
        var tags = await ImageReleaseProject.TagsAsync(Registry, "front/keyless");
        Assert.Equal(project.Built.ToString(), tags["1.2.3"]);
        Assert.Equal(project.Built.ToString(), tags["latest"]);
        Assert.DoesNotContain(tags.Keys, t => FallbackTag().IsMatch(t));
        Assert.True(front.Count("GET", "/referrers/") > 0, string.Join("\n", front.Requests));

        var verify = await project.RunAsync(
            "verify", project.Image.WithTag("1.2.3").ToString(), "--certificate-identity", Workflow, "--certificate-oidc-issuer", sigstore.Issuer, "--trusted-root", sigstore.TrustedRoot);

        Assert.True(verify.ExitCode == ExitCodes.Success, verify.ToString());
        Assert.Contains("(keyless bundle): identity:", verify.Out, StringComparison.Ordinal);
        Assert.Empty(FallbackReads(front.Requests));
        var files = await BundleFilesAsync(project);
        Assert.Contains(files, f => f.Subject == project.Built && f.PredicateType == PredicateTypes.CosignSign);
        Assert.Contains(files, f => f.Subject == project.Built && f.PredicateType == PredicateTypes.SlsaProvenanceV1);
        Assert.All(project.PlatformDigests, d => Assert.Contains(files, f => f.Subject == d));
        foreach (var file in files)
        {
            var answer = SigstoreVerifier.VerifyKeyless(file.Path, sigstore.TrustedRoot, file.Subject, Workflow, sigstore.Issuer, file.PredicateType);
            Assert.True(answer["ok"]!.GetValue<bool>(), $"{file.Subject} {file.PredicateType}: {answer.ToJsonString()}");
        }
    }

    [Fact]
    public async Task A_key_signed_release_in_both_formats_through_the_referrers_api_keeps_legacy_tags_writes_no_fallback_index_and_verifies()
    {
        using var front = ReferrersFront.Start(Registry.Host);
        using var project = new ImageReleaseProject(front.Host, "front/key");
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var tags = await ImageReleaseProject.TagsAsync(Registry, "front/key");
        Assert.Equal(project.Built.ToString(), tags["1.2.3"]);
        Assert.Contains($"sha256-{project.Built.Hex}.sig", tags.Keys);
        Assert.Contains($"sha256-{project.Built.Hex}.att", tags.Keys);
        Assert.DoesNotContain(tags.Keys, t => FallbackTag().IsMatch(t));

        var verify = await project.RunAsync("verify", project.Image.WithTag("latest").ToString(), "--key", project.PublicKey);

        Assert.True(verify.ExitCode == ExitCodes.Success, verify.ToString());
        Assert.Contains("bundle sha256:", verify.Out, StringComparison.Ordinal);
        var files = await BundleFilesAsync(project);
        Assert.Contains(files, f => f.Subject == project.Built && f.PredicateType == PredicateTypes.CosignSign);
        foreach (var file in files)
        {
            var answer = SigstoreVerifier.VerifyWithKey(file.Path, project.PublicKey, file.Subject, file.PredicateType);
            Assert.True(answer["ok"]!.GetValue<bool>(), $"{file.Subject} {file.PredicateType}: {answer.ToJsonString()}");
        }
    }

    [Fact]
    public async Task A_rejected_release_removes_exactly_its_referrers_and_leaves_another_runs_and_another_tools_referrer_of_the_subject()
    {
        using var front = ReferrersFront.Start(Registry.Host);
        using var project = new ImageReleaseProject(front.Host, "front/reject");
        var paused = await project.RunAsync("release");
        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        var run = (await project.StatusAsync()).GetProperty("id").GetString()!;
        using var client = Registry.CreateClient();
        Digest[] subjects = [project.Built, .. project.PlatformDigests];
        var ours = new List<Digest>();
        foreach (var subject in subjects)
        {
            ours.AddRange((await client.GetReferrersAsync(project.Image, subject, cancellationToken: Ct)).Select(d => d.Digest));
        }

        Assert.NotEmpty(ours);
        var otherKey = KeyPairGenerator.Generate(_directory["other"], false, new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());
        using var otherSigner = KeyLoader.LoadSigner(
            new KeyText(File.ReadAllText(otherKey.PrivateKeyPath), otherKey.PrivateKeyPath), new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());
        var anotherRun = (await new ImageSigning(client, otherSigner, SignatureFormat.Bundle).SignAsync(project.Image.WithDigest(project.Built), Ct)).Bundle!;
        var anotherTool = await PushForeignReferrerAsync(client, project);

        var rejected = await project.RunAsync("reject", run, "--reason", "not this week", "--as", "maintainer2");

        Assert.True(rejected.ExitCode == ExitCodes.Success, rejected.ToString());
        var left = await client.GetReferrersAsync(project.Image, project.Built, cancellationToken: Ct);
        Assert.Equal(new[] { anotherRun, anotherTool }.Select(d => d.ToString()).Order(StringComparer.Ordinal), left.Select(d => d.Digest.ToString()).Order(StringComparer.Ordinal));
        foreach (var platform in project.PlatformDigests)
        {
            Assert.Empty(await client.GetReferrersAsync(project.Image, platform, cancellationToken: Ct));
        }

        foreach (var referrer in ours)
        {
            Assert.Null(await client.ResolveAsync(Registry.Reference("front/reject").WithDigest(referrer), Ct));
        }

        var tags = await ImageReleaseProject.TagsAsync(Registry, "front/reject");
        Assert.DoesNotContain(tags.Keys, t => t.StartsWith("sha256-", StringComparison.Ordinal));
        Assert.NotNull(await client.ResolveAsync(project.Image.WithDigest(anotherRun), Ct));
        Assert.NotNull(await client.ResolveAsync(project.Image.WithDigest(anotherTool), Ct));
    }

    [Fact]
    public async Task Verify_on_the_plain_registry_reads_the_fallback_index_and_through_the_front_never_asks_for_it()
    {
        using var proxy = FaultProxy.Start(Registry.Host);
        using var front = ReferrersFront.Start(Registry.Host);
        using var plain = await SigningScenario.CreateAsync(Registry);
        using var fronted = await SigningScenario.CreateAsync(Registry);
        var viaFront = new ImageReference(front.Host, fronted.Repository.Repository, "v1");
        Assert.Equal(0, (await plain.CliAsync("sign", plain.Tagged.ToString(), "--key", "cosign.key", "--format", "bundle")).ExitCode);
        Assert.Equal(0, (await fronted.CliAsync("sign", viaFront.ToString(), "--key", "cosign.key", "--format", "bundle")).ExitCode);

        var onPlain = await plain.CliAsync("verify", new ImageReference(proxy.Host, plain.Repository.Repository, "v1").ToString(), "--key", "cosign.pub");
        var onFront = await fronted.CliAsync("verify", viaFront.ToString(), "--key", "cosign.pub");

        Assert.True(onPlain.ExitCode == 0, onPlain.ToString());
        Assert.Contains("bundle sha256:", onPlain.Out, StringComparison.Ordinal);
        Assert.Contains(plain.IndexDigest.TagSafe, await plain.TagsAsync());
        Assert.Equal(1, proxy.Count("GET", "/referrers/"));
        Assert.Contains($"GET /v2/{plain.Repository.Repository}/manifests/{plain.IndexDigest.TagSafe}", FallbackReads(proxy.Requests));
        Assert.True(onFront.ExitCode == 0, onFront.ToString());
        Assert.Contains("bundle sha256:", onFront.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(fronted.IndexDigest.TagSafe, await fronted.TagsAsync());
        Assert.Empty(FallbackReads(front.Requests));
    }

    [Fact]
    public async Task Referrers_on_later_pages_of_the_listing_are_found_and_verify()
    {
        using var front = ReferrersFront.Start(Registry.Host);
        using var scenario = await SigningScenario.CreateAsync(Registry);
        var image = new ImageReference(front.Host, scenario.Repository.Repository, "v1");
        string[] keys = ["cosign", scenario.NewKeyPair("second"), scenario.NewKeyPair("third")];
        foreach (var key in keys)
        {
            Assert.Equal(0, (await scenario.CliAsync("sign", image.ToString(), "--key", key + ".key", "--format", "bundle")).ExitCode);
        }

        front.PageSize = 1;
        using var client = Registry.CreateClient();
        var before = front.Count("GET", $"/referrers/{scenario.IndexDigest}");
        var found = await new BundleStore(client).ReadAsync(image, scenario.IndexDigest, Ct);
        var pages = front.Count("GET", $"/referrers/{scenario.IndexDigest}") - before;
        var verified = new List<CliResult>();
        foreach (var key in keys)
        {
            verified.Add(await scenario.CliAsync("verify", image.ToString(), "--key", key + ".pub"));
        }

        Assert.Equal(3, found.Count);
        Assert.Equal(3, pages);
        Assert.All(verified, v => Assert.True(v.ExitCode == 0, v.ToString()));
        Assert.DoesNotContain(scenario.IndexDigest.TagSafe, await scenario.TagsAsync());
    }

    /// <summary>A referrer of the built index that another tool pushed: its own artifact type, no bundle.</summary>
    private static async Task<Digest> PushForeignReferrerAsync(RegistryClient client, ImageReleaseProject project)
    {
        var config = "{}"u8.ToArray();
        var report = Encoding.UTF8.GetBytes("""{"scanner":"other","findings":0}""");
        await client.UploadBlobAsync(project.Image, config, Ct);
        await client.UploadBlobAsync(project.Image, report, Ct);
        var index = await client.GetManifestAsync(project.Image.WithDigest(project.Built), Ct);
        var manifest = OciJson.Manifest(
            new Descriptor(MediaTypes.OciEmpty, Digest.Sha256(config), config.Length),
            [new Descriptor("application/vnd.example.scan-report+json", Digest.Sha256(report), report.Length)],
            subject: new Descriptor(index.MediaType, index.Digest, index.Bytes.Length),
            artifactType: "application/vnd.example.scan-report+json");
        return await ReferrerPush.PushAsync(client, project.Image, manifest, MediaTypes.OciManifest, Ct);
    }

    private async Task<List<BundleFile>> BundleFilesAsync(ImageReleaseProject project)
    {
        using var client = Registry.CreateClient();
        var store = new BundleStore(client);
        var files = new List<BundleFile>();
        foreach (var subject in new[] { project.Built }.Concat(project.PlatformDigests))
        {
            foreach (var stored in await store.ReadAsync(project.Image, subject, Ct))
            {
                var manifest = (await client.GetManifestAsync(project.Image.WithDigest(stored.Manifest), Ct)).Parse();
                var path = _directory[$"{subject.Hex[..12]}-{files.Count}.json"];
                await File.WriteAllBytesAsync(path, await client.GetBlobAsync(project.Image, manifest.Layers[0], Ct), Ct);
                files.Add(new BundleFile(subject, stored.PredicateType, path));
            }
        }

        return files;
    }

    /// <summary>Reads of a referrers fallback index (<c>sha256-HEX</c>, not cosign's <c>.sig</c>/<c>.att</c> tags) among <paramref name="requests"/>.</summary>
    private static List<string> FallbackReads(IEnumerable<string> requests) =>
        [.. requests.Where(r => r.StartsWith("GET ", StringComparison.Ordinal) && FallbackRead().IsMatch(r))];

    [GeneratedRegex("/manifests/sha256-[0-9a-f]{64}$")]
    private static partial Regex FallbackRead();

    [GeneratedRegex("^sha256-[0-9a-f]{64}$")]
    private static partial Regex FallbackTag();

    private sealed record BundleFile(Digest Subject, string? PredicateType, string Path);
}
