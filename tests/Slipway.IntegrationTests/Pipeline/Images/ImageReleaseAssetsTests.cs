using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.GitHub;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>
/// A signed 2-platform image released through the GitHub forge: the draft carries the image's Sigstore bundle, one
/// SBOM per platform and the provenance envelope, read back from the real registry by digest, all in SHA256SUMS.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class ImageReleaseAssetsTests(AnonymousRegistry server) : IDisposable
{
    private readonly LocalGitHub _github = new();
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        server.AttachLogIfFailed();
        var violations = _github.Violations;
        _github.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_published_release_carries_every_signature_sbom_and_provenance_and_sha256sums_checks_the_downloads()
    {
        var project = Project(server.Registry.Host, "e2e/assets");
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var published = Assert.Single(_github.Releases);
        Assert.False((bool)published["draft"]!);
        var names = Names(published);
        Assert.Equal(["SHA256SUMS", "app.txt", .. ImageAssets("e2e-assets")], names);
        var types = published["assets"]!.AsArray().ToDictionary(a => (string)a!["name"]!, a => (string)a!["content_type"]!);
        Assert.Equal("application/vnd.dev.sigstore.bundle.v0.3+json", types["e2e-assets.sigstore.json"]);
        Assert.Equal("application/spdx+json", types["e2e-assets_linux-amd64.spdx.json"]);
        Assert.Equal("application/vnd.in-toto+json", types["e2e-assets.intoto.jsonl"]);

        using var downloads = new TempDirectory();
        var id = (long)published["id"]!;
        foreach (var name in names)
        {
            await File.WriteAllBytesAsync(downloads[name], _github.AssetBytes(id, name), TestContext.Current.CancellationToken);
        }

        var check = ProcessRunner.Run("sha256sum", ["-c", "--strict", "SHA256SUMS"], downloads.Path, null);
        Assert.True(check.ExitCode == 0, check.Out + check.Err);
        Assert.Equal(names.Count - 1, check.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));

        // The SBOM is the document the [sbom] command wrote; the provenance one DSSE envelope on one line.
        using var sbom = JsonDocument.Parse(_github.AssetBytes(id, "e2e-assets_linux-arm64-v8.spdx.json"));
        Assert.Equal("SPDX-2.3", sbom.RootElement.GetProperty("spdxVersion").GetString());
        var envelope = System.Text.Encoding.UTF8.GetString(_github.AssetBytes(id, "e2e-assets.intoto.jsonl"));
        Assert.Single(envelope.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var dsse = JsonDocument.Parse(envelope);
        Assert.Equal("application/vnd.in-toto+json", dsse.RootElement.GetProperty("payloadType").GetString());
    }

    [Fact]
    public async Task With_the_legacy_format_the_release_carries_the_simple_signing_payload_and_a_signature_openssl_verifies_with_the_public_key()
    {
        var project = Project(server.Registry.Host, "e2e/assets-legacy", "legacy");
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var published = Assert.Single(_github.Releases);
        var names = Names(published);
        Assert.Equal(
            ["SHA256SUMS", "app.txt", "e2e-assets-legacy.intoto.jsonl", "e2e-assets-legacy.payload.json", "e2e-assets-legacy.sig",
                "e2e-assets-legacy_linux-amd64.spdx.json", "e2e-assets-legacy_linux-arm64-v8.spdx.json"],
            names);
        var types = published["assets"]!.AsArray().ToDictionary(a => (string)a!["name"]!, a => (string)a!["content_type"]!);
        Assert.Equal("application/vnd.dev.cosign.simplesigning.v1+json", types["e2e-assets-legacy.payload.json"]);
        Assert.Equal("text/plain", types["e2e-assets-legacy.sig"]);
        using var downloads = await DownloadAndCheckSumsAsync(published, names);

        // The payload claims the built digest, and the signature is the one cosign would check: ECDSA over the payload's bytes.
        using var payload = JsonDocument.Parse(File.ReadAllBytes(downloads["e2e-assets-legacy.payload.json"]));
        Assert.Equal(project.Built.ToString(), payload.RootElement.GetProperty("critical").GetProperty("image").GetProperty("docker-manifest-digest").GetString());
        File.WriteAllBytes(downloads["signature.der"], Convert.FromBase64String(File.ReadAllText(downloads["e2e-assets-legacy.sig"])));
        var openssl = ProcessRunner.Run("openssl", ["dgst", "-sha256", "-verify", project.PublicKey, "-signature", "signature.der", "e2e-assets-legacy.payload.json"], downloads.Path, null);
        Assert.True(openssl.ExitCode == 0, openssl.Out + openssl.Err);
        Assert.Contains("Verified OK", openssl.Out, StringComparison.Ordinal);
        File.AppendAllText(downloads["e2e-assets-legacy.payload.json"], " ");
        Assert.NotEqual(0, ProcessRunner.Run("openssl", ["dgst", "-sha256", "-verify", project.PublicKey, "-signature", "signature.der", "e2e-assets-legacy.payload.json"], downloads.Path, null).ExitCode);

        // The SBOM and provenance come from the legacy attestation layers (the .att tag), as the same documents.
        using var sbom = JsonDocument.Parse(_github.AssetBytes((long)published["id"]!, "e2e-assets-legacy_linux-amd64.spdx.json"));
        Assert.Equal("SPDX-2.3", sbom.RootElement.GetProperty("spdxVersion").GetString());
        using var dsse = JsonDocument.Parse(_github.AssetBytes((long)published["id"]!, "e2e-assets-legacy.intoto.jsonl"));
        Assert.Equal("application/vnd.in-toto+json", dsse.RootElement.GetProperty("payloadType").GetString());
    }

    [Fact]
    public async Task With_the_bundle_format_the_release_carries_only_the_sigstore_bundle_as_the_signature()
    {
        var project = Project(server.Registry.Host, "e2e/assets-bundle", "bundle");
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var published = Assert.Single(_github.Releases);
        var names = Names(published);
        Assert.Equal(["SHA256SUMS", "app.txt", .. ImageAssets("e2e-assets-bundle")], names);
        using var downloads = await DownloadAndCheckSumsAsync(published, names);
        using var bundle = JsonDocument.Parse(File.ReadAllBytes(downloads["e2e-assets-bundle.sigstore.json"]));
        Assert.Equal("application/vnd.dev.sigstore.bundle.v0.3+json", bundle.RootElement.GetProperty("mediaType").GetString());
        using var dsse = JsonDocument.Parse(File.ReadAllBytes(downloads["e2e-assets-bundle.intoto.jsonl"]));
        Assert.Equal("application/vnd.in-toto+json", dsse.RootElement.GetProperty("payloadType").GetString());
    }

    [Fact]
    public async Task A_run_killed_after_the_uploads_resumes_without_uploading_any_asset_twice()
    {
        var project = Project(server.Registry.Host, "e2e/assets-resume");
        var environment = Environment("draft-release:unrecorded");

        var crashed = project.Project.RunProcess(environment, "release", "--yes");

        Assert.True(crashed.ExitCode == ReleaseProject.KilledBySigkill, $"exit {crashed.ExitCode}\n{crashed.Out}\n{crashed.Err}");
        var run = await project.Project.LatestRunIdAsync();
        var resumed = project.Project.RunProcess(Environment(null), "resume", run, "--yes");

        Assert.True(resumed.ExitCode == ExitCodes.Success, $"exit {resumed.ExitCode}\n{resumed.Out}\n{resumed.Err}");
        var published = Assert.Single(_github.Releases);
        Assert.False((bool)published["draft"]!);
        Assert.Equal(["SHA256SUMS", "app.txt", .. ImageAssets("e2e-assets-resume")], Names(published));
        var uploads = _github.Requests.Where(r => r.StartsWith("POST ", StringComparison.Ordinal) && r.Contains("/assets?name=", StringComparison.Ordinal)).ToList();
        Assert.Equal(uploads.Count, uploads.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(6, uploads.Count);
    }

    [Fact]
    public async Task A_bundle_the_registry_serves_with_another_digest_fails_the_draft_before_anything_is_uploaded()
    {
        using var proxy = FaultProxy.Start(server.Registry.Host);
        var project = Project(proxy.Host, "e2e/assets-tampered");
        Assert.Equal(ExitCodes.AwaitingApproval, (await project.RunAsync("release")).ExitCode);
        var run = await project.Project.LatestRunIdAsync();
        proxy.When(request => request.Method == "GET" && request.PathAndQuery.Contains("/blobs/", StringComparison.Ordinal)
            ? new ProxiedResponse(200, "{\"mediaType\":\"tampered\"}", "application/octet-stream")
            : null);

        var approved = await project.RunAsync("approve", run, "--as", "maintainer1");

        Assert.True(approved.ExitCode == ExitCodes.Failed, approved.ToString());
        Assert.Contains("SLW4", approved.Err, StringComparison.Ordinal);
        Assert.Contains("draft-release", approved.Out + approved.Err, StringComparison.Ordinal);
        Assert.Empty(_github.Releases);
        Assert.DoesNotContain(_github.Requests, r => r.Contains("/assets?name=", StringComparison.Ordinal));
    }

    /// <summary>Downloads every asset and checks them with <c>sha256sum -c</c>, as a user would.</summary>
    private async Task<TempDirectory> DownloadAndCheckSumsAsync(System.Text.Json.Nodes.JsonObject published, List<string> names)
    {
        var downloads = new TempDirectory();
        var id = (long)published["id"]!;
        foreach (var name in names)
        {
            await File.WriteAllBytesAsync(downloads[name], _github.AssetBytes(id, name), TestContext.Current.CancellationToken);
        }

        var check = ProcessRunner.Run("sha256sum", ["-c", "--strict", "SHA256SUMS"], downloads.Path, null);
        Assert.True(check.ExitCode == 0, check.Out + check.Err);
        Assert.Equal(names.Count - 1, check.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));
        return downloads;
    }

    private static List<string> Names(System.Text.Json.Nodes.JsonObject release) =>
        [.. release["assets"]!.AsArray().Select(a => (string)a!["name"]!).Order(StringComparer.Ordinal)];

    /// <summary>The names the image's assets get: the repository path with '/' as '-', then the platform.</summary>
    private static string[] ImageAssets(string stem) =>
        [$"{stem}.intoto.jsonl", $"{stem}.sigstore.json", $"{stem}_linux-amd64.spdx.json", $"{stem}_linux-arm64-v8.spdx.json"];

    private Dictionary<string, string?> Environment(string? crashAt)
    {
        var environment = ImageReleaseProject.ProcessEnvironment(crashAt);
        environment["GITHUB_TOKEN"] = _github.Token;
        return environment;
    }

    private ImageReleaseProject Project(string registryHost, string repositoryPath, string? format = null)
    {
        var project = new ImageReleaseProject(registryHost, repositoryPath);
        _owned.Add(project);
        GitHubForgeSetup.Apply(project.Project.Repository, _github, edit: text =>
        {
            if (format is null)
            {
                return text;
            }

            var edited = text.Replace("[signing]\n", $"[signing]\nformat = \"{format}\"\n", StringComparison.Ordinal);
            Assert.Contains($"format = \"{format}\"", edited, StringComparison.Ordinal);
            return edited;
        });
        project.Project.Environment["GITHUB_TOKEN"] = _github.Token;
        return project;
    }
}
