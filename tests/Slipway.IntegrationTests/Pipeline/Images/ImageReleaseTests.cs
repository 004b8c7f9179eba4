using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>
/// Whole releases of a 2-platform image against the real registry and a bare git remote: the success path, a scan
/// that blocks, a rejection, a promotion that fails part-way, and a rollback that meets a 403.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class ImageReleaseTests(AnonymousRegistry server) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private RegistryFixture Registry => server.Registry;

    public void Dispose()
    {
        server.AttachLogIfFailed();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    [Fact]
    public async Task A_full_release_promotes_the_built_digest_signs_attests_tags_the_remote_and_cleans_up()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/full"));
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        var summary = Path.Combine(project.Project.Repository.Path, "out", "summary.md");
        foreach (var (name, value) in Signing.GitHubProvenanceReleaseTests.JobEnvironment(project.Project.BuiltCommit, "github-hosted", "1"))
        {
            project.Project.Environment[name] = value;
        }

        project.Project.Environment["GITHUB_STEP_SUMMARY"] = summary;

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var built = project.Built.ToString();
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/full");
        Assert.Equal(built, tags["1.2.3"]);
        Assert.Equal(built, tags["1.2"]);
        Assert.Equal(built, tags["latest"]);
        Assert.Equal(built, tags["prerelease"]);
        Assert.DoesNotContain(tags.Keys, t => t.StartsWith("prerelease-v", StringComparison.Ordinal));
        Assert.Equal(ExpectedArtifactTags(project), tags.Keys.Where(t => t.StartsWith("sha256-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(project.Project.BuiltCommit, project.Project.RemoteTag("v1.2.3"));

        using var client = Registry.CreateClient();
        using var key = KeyLoader.LoadVerificationKey(KeyText.Read(project.PublicKey, "/", new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor()));
        var report = await new ImageVerifier(client, key).VerifyAsync(
            project.Image.WithTag("1.2.3"), [PredicateTypes.SlsaProvenanceV1, PredicateTypes.Resolve("spdxjson")], TestContext.Current.CancellationToken);
        Assert.True(report.Passed, string.Join("\n", report.Checks));

        // In GitHub Actions the provenance is GitHub's build type: it names the workflow run and the released commit.
        var provenance = Assert.Single(await new CosignStore(client).ReadAsync(CosignStore.AttestationTag(project.Image, project.Built), TestContext.Current.CancellationToken));
        Assert.True(DsseEnvelope.TryParse(provenance.Content, out var envelope, out _));
        var statement = System.Text.Encoding.UTF8.GetString(envelope!.Payload);
        Assert.Contains(SlsaProvenance.GitHubBuildType, statement, StringComparison.Ordinal);
        Assert.Contains("https://github.com/acme/demo/actions/runs/10714440367/attempts/1", statement, StringComparison.Ordinal);
        Assert.Contains(project.Project.BuiltCommit, statement, StringComparison.Ordinal);

        Assert.Contains($"- image `{project.Image}@{built} (linux/amd64, linux/arm64/v8): prerelease, 1.2.3, 1.2, latest`", File.ReadAllText(summary), StringComparison.Ordinal);
        var text = await project.RunAsync("status");
        Assert.Contains($"  image {project.Image}@{built} (linux/amd64, linux/arm64/v8): prerelease, 1.2.3, 1.2, latest", text.Out, StringComparison.Ordinal);
        var status = await project.StatusAsync();
        var image = Assert.Single(status.GetProperty("images").EnumerateArray());
        Assert.Equal(built, image.GetProperty("digest").GetString());
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], image.GetProperty("platforms").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["prerelease", "1.2.3", "1.2", "latest"], image.GetProperty("tags").EnumerateArray().Select(p => p.GetString()));
        if (ProcessRunner.IsInstalled("skopeo"))
        {
            // An independent client sees the same index at the release tag: both platform manifests, by digest.
            var inspected = ProcessRunner.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", $"docker://{project.Image.WithTag("latest")}"]).EnsureSuccess("skopeo inspect");
            Assert.All(project.PlatformDigests, d => Assert.Contains(d.ToString(), inspected.Out, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_blocking_scan_finding_leaves_nothing_public()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/scan"));
        project.ScanReport = ImageReleaseProject.Critical;
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await project.RunAsync("release", "--yes");

        Assert.Equal(ExitCodes.Failed, release.ExitCode);
        Assert.Contains("SLW8024", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Contains("CVE-2024-9999", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/scan"));
        Assert.Empty(project.Project.RemoteTags());
        var status = await project.StatusAsync();
        Assert.Equal("failed", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_scanner_that_fails_fails_the_release_naming_its_exit_and_leaves_nothing_public()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/scanner-down"));
        File.Delete(Path.Combine(project.Project.Repository.Path, "out", "scan.json"));

        var release = await project.RunAsync("release");

        Assert.Equal(ExitCodes.Failed, release.ExitCode);
        Assert.Contains("SLW8025", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Contains("exited 1: cat: out/scan.json: No such file or directory", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/scanner-down"));
    }

    [Fact]
    public async Task A_hostile_platform_in_the_built_index_stops_the_release_before_any_command_runs_with_it_and_leaves_nothing_public()
    {
        var project = Own(new ImageReleaseProject(
            Registry.Host,
            "e2e/hostile-platform",
            scanCommand: "echo \\\"{platform}\\\" '{platform}' >> out/scans.log; cat out/scan.json",
            platforms: [new("linux", "amd64"), new("linux", "arm64\"; touch out/pwned; \"", "v8';touch out/pwned;'")]));
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await project.RunAsync("release", "--yes");

        Assert.NotEqual(ExitCodes.Success, release.ExitCode);
        Assert.Contains("SLW4040", release.Out + release.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project.Project.Repository.Path, "out", "pwned")), "the platform ran as shell code");
        Assert.False(File.Exists(Path.Combine(project.Project.Repository.Path, "out", "scans.log")), "the scanner ran");
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/hostile-platform"));
        Assert.Empty(project.Project.RemoteTags());
        Assert.Equal("failed", (await project.StatusAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_finding_in_the_ignore_file_does_not_block_until_its_entry_expires()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/ignored", "ignore-file = \"out/trivyignore\""));
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        project.ScanReport = ImageReleaseProject.Critical;
        var ignoreFile = Path.Combine(project.Project.Repository.Path, "out", "trivyignore");
        File.WriteAllText(ignoreFile, "CVE-2024-9999 exp:2000-01-01\n");

        var expired = await project.RunAsync("release", "--yes");
        File.WriteAllText(ignoreFile, "# accepted until the base image is rebuilt\nCVE-2024-9999\n");
        var accepted = await project.RunAsync("release", "--yes");

        Assert.Equal(ExitCodes.Failed, expired.ExitCode);
        Assert.True(accepted.ExitCode == ExitCodes.Success, accepted.ToString());
        Assert.Contains("1 ignored by policy", accepted.Out + accepted.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ignore_file_is_an_input_error_and_leaves_nothing_public()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/no-ignore-file", "ignore-file = \"out/missing\""));

        var release = await project.RunAsync("release");

        Assert.Equal(ExitCodes.InvalidInput, release.ExitCode);
        Assert.Contains("SLW8502", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Contains("ignore-file 'out/missing' does not exist", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/no-ignore-file"));
    }

    [Fact]
    public async Task A_rejected_release_restores_the_floating_prerelease_tag_and_leaves_the_older_release_alone()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/reject"));
        var older = await PushOlderReleaseAsync("e2e/reject", "1.2.2", "1.2", "latest", "prerelease");

        var paused = await project.RunAsync("release");
        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        var run = (await project.StatusAsync()).GetProperty("id").GetString()!;
        var midway = await ImageReleaseProject.TagsAsync(Registry, "e2e/reject");
        Assert.Equal(project.Built.ToString(), midway["prerelease"]);

        var rejected = await project.RunAsync("reject", run, "--reason", "not this week", "--as", "maintainer2");

        Assert.True(rejected.ExitCode == ExitCodes.Success, rejected.ToString());
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/reject");
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["1.2"] = older, ["1.2.2"] = older, ["latest"] = older, ["prerelease"] = older },
            tags);
        var status = await project.StatusAsync(run);
        Assert.Equal("rolled-back", status.GetProperty("status").GetString());
        Assert.Empty(status.GetProperty("images").EnumerateArray());
    }

    [Fact]
    public async Task A_promotion_failing_on_its_third_tag_restores_exactly_the_tags_that_moved()
    {
        using var proxy = FaultProxy.Start(Registry.Host);
        var project = Own(new ImageReleaseProject(proxy.Host, "e2e/partial"));
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        var older = await PushOlderReleaseAsync("e2e/partial", "1.2.2", "1.2", "latest");
        proxy.Fail(
            r => r.Method == "PUT" && r.PathAndQuery.EndsWith("/manifests/latest", StringComparison.Ordinal),
            ProxiedResponse.Error(400, "MANIFEST_INVALID", "injected failure"));

        var release = await project.RunAsync("release", "--yes");

        Assert.Equal(ExitCodes.Failed, release.ExitCode);
        Assert.Contains("SLW8027", release.Out + release.Err, StringComparison.Ordinal);
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/partial");
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["1.2"] = older, ["1.2.2"] = older, ["latest"] = older },
            tags);
        Assert.Contains("moved before the failure: 1.2.3, 1.2", release.Out + release.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("v1.2.3", project.Project.RemoteTags());
    }

    [Theory]
    [InlineData(403, "DENIED", "SLW4011")]
    [InlineData(401, "UNAUTHORIZED", "SLW4010")]
    public async Task A_rollback_meeting_an_auth_failure_stays_compensation_failed_until_rollback_succeeds(int status, string code, string error)
    {
        using var proxy = FaultProxy.Start(Registry.Host);
        var repository = $"e2e/forbidden-{status}";
        var project = Own(new ImageReleaseProject(proxy.Host, repository));
        project.ScanReport = ImageReleaseProject.Critical;
        proxy.Fail(r => r.Method == "DELETE", ProxiedResponse.Error(status, code, "injected: no delete permission"));

        var release = await project.RunAsync("release");

        Assert.Equal(ExitCodes.Failed, release.ExitCode);
        var run = (await project.StatusAsync()).GetProperty("id").GetString()!;
        Assert.Equal("compensation-failed", (await project.StatusAsync(run)).GetProperty("status").GetString());
        Assert.Contains($"slipway rollback {run}", release.Out + release.Err, StringComparison.Ordinal);
        Assert.NotEmpty(await ImageReleaseProject.TagsAsync(Registry, repository));

        proxy.ClearRules();
        var rollback = await project.RunAsync("rollback", run);

        Assert.True(rollback.ExitCode == ExitCodes.Success, rollback.ToString());
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, repository));
        Assert.Equal("rolled-back", (await project.StatusAsync(run)).GetProperty("status").GetString());
        Assert.Contains(error, release.Out + release.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejecting_a_release_of_an_image_released_before_leaves_that_releases_signatures_alone()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/same-image"));
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        Assert.Equal(ExitCodes.Success, (await project.RunAsync("release", "--yes")).ExitCode);
        var released = await ImageReleaseProject.TagsAsync(Registry, "e2e/same-image");

        // The next version builds the identical image (same digest), and is rejected.
        File.WriteAllText(Path.Combine(project.Project.Repository.Path, "VERSION"), "1.2.4\n");
        project.Project.Repository.Git("commit", "-qam", "1.2.4");
        project.Project.Repository.Git("push", "-q", "origin", "main");
        project.Project.Environment.Remove("SLIPWAY_APPROVER");
        Assert.Equal(ExitCodes.AwaitingApproval, (await project.RunAsync("release")).ExitCode);
        var run = (await project.StatusAsync()).GetProperty("id").GetString()!;
        var rejected = await project.RunAsync("reject", run, "--reason", "same bits", "--as", "maintainer1");

        Assert.True(rejected.ExitCode == ExitCodes.Success, rejected.ToString());
        Assert.Equal(released, await ImageReleaseProject.TagsAsync(Registry, "e2e/same-image"));
        using var client = Registry.CreateClient();
        using var key = KeyLoader.LoadVerificationKey(KeyText.Read(project.PublicKey, "/", new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor()));
        var report = await new ImageVerifier(client, key).VerifyAsync(project.Image.WithTag("1.2.3"), [PredicateTypes.SlsaProvenanceV1], TestContext.Current.CancellationToken);
        Assert.True(report.Passed, string.Join("\n", report.Checks));
    }

    [Fact]
    public async Task A_finding_published_while_the_release_waited_blocks_the_promotion_and_nothing_goes_public()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/rescan"));
        Assert.Equal(ExitCodes.AwaitingApproval, (await project.RunAsync("release")).ExitCode);
        var run = (await project.StatusAsync()).GetProperty("id").GetString()!;
        project.ScanReport = ImageReleaseProject.Critical;

        var approved = await project.RunAsync("approve", run, "--as", "maintainer1");

        Assert.Equal(ExitCodes.Failed, approved.ExitCode);
        Assert.Contains("SLW8024", approved.Out + approved.Err, StringComparison.Ordinal);
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/rescan"));
        Assert.DoesNotContain("v1.2.3", project.Project.RemoteTags());
    }

    [Fact]
    public async Task A_prerelease_tag_pushed_over_while_the_release_waited_stops_the_promotion_and_is_left_alone()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/moved"));
        Assert.Equal(ExitCodes.AwaitingApproval, (await project.RunAsync("release")).ExitCode);
        var run = (await project.StatusAsync()).GetProperty("id").GetString()!;
        var intruder = await PushOlderReleaseAsync("e2e/moved", "prerelease");

        var approved = await project.RunAsync("approve", run, "--as", "maintainer1");

        Assert.Equal(ExitCodes.Failed, approved.ExitCode);
        Assert.Contains("SLW8026", approved.Out + approved.Err, StringComparison.Ordinal);
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/moved");
        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["prerelease"] = intruder }, tags);
    }

    [Fact]
    public async Task A_release_below_the_highest_on_the_remote_does_not_move_latest()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/hotfix"));
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        var newer = await PushOlderReleaseAsync("e2e/hotfix", "1.3.0", "latest");
        project.Project.Remote.Git("tag", "-a", "v1.3.0", "-m", "1.3.0", project.Project.BuiltCommit);

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/hotfix");
        Assert.Equal(newer, tags["latest"]);
        Assert.Equal(project.Built.ToString(), tags["1.2.3"]);
        Assert.Equal(project.Built.ToString(), tags["1.2"]);
        Assert.Contains("1.3.0 is a higher release in all releases", release.Out + release.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_rolled_back_by_a_blocking_scan_resumes_to_a_complete_signed_release_once_fixed()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/resume"));
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        project.ScanReport = ImageReleaseProject.Critical;
        Assert.Equal(ExitCodes.Failed, (await project.RunAsync("release", "--yes")).ExitCode);
        var run = (await project.StatusAsync()).GetProperty("id").GetString()!;
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/resume"));
        project.ScanReport = ImageReleaseProject.Clean;

        var resumed = await project.RunAsync("resume", run, "--yes");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/resume");
        Assert.Equal(ExpectedArtifactTags(project), tags.Keys.Where(t => t.StartsWith("sha256-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(project.Built.ToString(), tags["latest"]);
    }

    [Fact]
    public async Task An_sbom_far_smaller_than_the_previous_releases_fails_before_anything_is_attested()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/sbom-floor"));
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        project.SbomPackages = 10;
        Assert.Equal(ExitCodes.Success, (await project.RunAsync("release", "--yes")).ExitCode);
        File.WriteAllText(Path.Combine(project.Project.Repository.Path, "VERSION"), "1.2.4\n");
        project.Project.Repository.Git("commit", "-qam", "1.2.4");
        project.Project.Repository.Git("push", "-q", "origin", "main");
        File.WriteAllText(Path.Combine(project.Project.Repository.Path, "out", "oci", "index.json"), "{}");
        var layout = TestImages.MultiPlatformIndex(Path.Combine(project.Project.Repository.Path, "out", "oci"), attestation: false, seed: "1.2.4");
        project.SbomPackages = 3;

        var release = await project.RunAsync("release", "--yes");

        Assert.Equal(ExitCodes.Failed, release.ExitCode);
        Assert.Contains("SLW5011", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Contains("package floor from release 1.2.3: linux/amd64 10, linux/arm64/v8 10", release.Out + release.Err, StringComparison.Ordinal);
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/sbom-floor");
        Assert.DoesNotContain($"sha256-{layout.Children[0].Digest.Hex}.att", tags.Keys);
        Assert.DoesNotContain("1.2.4", tags.Keys);
    }

    /// <summary>The legacy .sig/.att tags and, for the bundles (format both by default), each digest's referrers fallback index.</summary>
    internal static IEnumerable<string> ExpectedArtifactTags(ImageReleaseProject project) =>
        project.PlatformDigests.SelectMany(d => new[] { $"sha256-{d.Hex}.att", $"sha256-{d.Hex}" })
            .Append($"sha256-{project.Built.Hex}.att")
            .Append($"sha256-{project.Built.Hex}.sig")
            .Append($"sha256-{project.Built.Hex}")
            .Order(StringComparer.Ordinal);

    [Fact]
    public async Task A_prerelease_version_moves_its_own_tag_and_no_floating_tag()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/rc"));
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        var older = await PushOlderReleaseAsync("e2e/rc", "1.2.3", "1.2", "latest");
        project.Project.Remote.Git("tag", "-a", "v1.2.3", "-m", "1.2.3", project.Project.BuiltCommit);
        project.Project.Repository.Commit("1.2.4-rc.1", ("VERSION", "1.2.4-rc.1\n"));
        project.Project.Repository.Git("push", "-q", "origin", "main");

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/rc");
        Assert.Equal(project.Built.ToString(), tags["1.2.4-rc.1"]);
        Assert.Equal(older, tags["1.2"]);
        Assert.Equal(older, tags["latest"]);
        Assert.Equal(older, tags["1.2.3"]);
        Assert.Contains("1.2.4-rc.1 is a prerelease", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Equal(project.Project.Repository.Head, project.Project.RemoteTag("v1.2.4-rc.1"));
    }

    [Fact]
    public async Task A_rollback_after_a_crash_part_way_through_the_promotion_restores_only_the_tags_that_name_this_run()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/midpromote"));
        var older = await PushOlderReleaseAsync("e2e/midpromote", "1.2", "latest");
        var crashed = project.Project.RunProcess(ImageReleaseProject.ProcessEnvironment("promote-images:unrecorded"), "release", "--yes");
        Assert.True(crashed.ExitCode == 137, crashed.ToString());
        var run = (await project.StatusAsync()).GetProperty("id").GetString()!;

        // As if the process died before it moved latest: latest still names the older release.
        using (var client = Registry.CreateClient())
        {
            var manifest = await client.GetManifestAsync(Registry.Reference("e2e/midpromote").WithTag("1.2.3"), TestContext.Current.CancellationToken);
            var olderManifest = await client.GetManifestAsync(Registry.Reference("e2e/midpromote").WithDigest(Digest.Parse(older)), TestContext.Current.CancellationToken);
            Assert.Equal(project.Built, manifest.Digest);
            await client.PutManifestAsync(Registry.Reference("e2e/midpromote").WithTag("latest"), olderManifest.Bytes, olderManifest.MediaType, TestContext.Current.CancellationToken);
        }

        var rollback = project.Project.RunProcess(ImageReleaseProject.ProcessEnvironment(), "rollback", run);

        Assert.True(rollback.ExitCode == ExitCodes.Success, rollback.ToString());
        Assert.Equal("rolled-back", (await project.StatusAsync(run)).GetProperty("status").GetString());
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/midpromote");
        Assert.Equal(["1.2", "latest"], tags.Keys);
        Assert.Equal(older, tags["1.2"]);
        Assert.Equal(older, tags["latest"]);
        Assert.Empty(project.Project.RemoteTags());
    }

    [Fact]
    public async Task A_rollback_records_each_tag_it_restored_or_removed_in_the_event_log()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/reject-log"));
        var older = await PushOlderReleaseAsync("e2e/reject-log", "prerelease");
        Assert.Equal(ExitCodes.AwaitingApproval, (await project.RunAsync("release")).ExitCode);
        var run = (await project.StatusAsync()).GetProperty("id").GetString()!;

        var rejected = await project.RunAsync("reject", run, "--reason", "not this week", "--as", "maintainer2");

        Assert.True(rejected.ExitCode == ExitCodes.Success, rejected.ToString());
        var image = Registry.Reference("e2e/reject-log").ToString();
        Assert.Contains($"{image}:prerelease restored to {older}", rejected.Out, StringComparison.Ordinal);
        var actions = (await project.StatusAsync(run)).GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "compensation-action")
            .Select(e => e.GetProperty("step").GetString() + ": " + e.GetProperty("detail").GetString())
            .ToList();
        Assert.Contains($"push-prerelease: {image}:prerelease restored to {older}", actions);
        Assert.Contains(actions, a => a.StartsWith($"push-prerelease: {image}:prerelease-v1.2.3-", StringComparison.Ordinal) && a.EndsWith(" removed (it did not exist before)", StringComparison.Ordinal));
    }

    /// <summary>An older release's image under <paramref name="tags"/>, pushed straight to the registry; returns its digest.</summary>
    private async Task<string> PushOlderReleaseAsync(string repository, params string[] tags)
    {
        using var directory = new TempDirectory();
        var layout = TestImages.MultiPlatformIndex(directory["older"], attestation: false, seed: "older " + repository);
        using var client = Registry.CreateClient();
        var reference = Registry.Reference(repository);
        await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, reference.WithTag(tags[0]), cancellationToken: TestContext.Current.CancellationToken);
        var manifest = await client.GetManifestAsync(reference.WithTag(tags[0]), TestContext.Current.CancellationToken);
        foreach (var tag in tags.Skip(1))
        {
            await client.PutManifestAsync(reference.WithTag(tag), manifest.Bytes, manifest.MediaType, TestContext.Current.CancellationToken);
        }

        return manifest.Digest.ToString();
    }

    private ImageReleaseProject Own(ImageReleaseProject project)
    {
        _owned.Add(project);
        return project;
    }
}
