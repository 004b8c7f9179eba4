using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>
/// The built slipway as its own process, killed with SIGKILL at every image-step boundary (right after the side
/// effect, before or after the journal records it), then resumed: the registry and the remote end up exactly as an
/// uninterrupted run leaves them.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class ImageCrashTests(AnonymousRegistry server) : IDisposable
{
    private const int KilledBySigkill = 137;

    private ImageReleaseProject? _project;

    public void Dispose()
    {
        server.AttachLogIfFailed();
        _project?.Dispose();
    }

    public static TheoryData<string> Boundaries() =>
    [
        "push-prerelease:unrecorded", "push-prerelease",
        "sign:unrecorded", "sign",
        "attest-sbom:unrecorded", "attest-sbom",
        "attest-provenance:unrecorded", "attest-provenance",
        "scan:unrecorded", "scan",
        "promote-images:unrecorded", "promote-images",
        "create-release",
        "cleanup-prerelease:unrecorded", "cleanup-prerelease",
    ];

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task A_release_killed_at_an_image_step_boundary_resumes_to_the_state_of_an_uninterrupted_run(string crashAt)
    {
        var repository = "e2e/crash-" + crashAt.Replace(':', '-');
        _project = new ImageReleaseProject(server.Registry.Host, repository);

        var crashed = _project.Project.RunProcess(ImageReleaseProject.ProcessEnvironment(crashAt), "release", "--yes");

        Assert.True(crashed.ExitCode == KilledBySigkill, $"exit {crashed.ExitCode}\n{crashed.Out}\n{crashed.Err}");
        var run = (await _project.StatusAsync()).GetProperty("id").GetString()!;
        var resumed = _project.Project.RunProcess(ImageReleaseProject.ProcessEnvironment(), "resume", run, "--yes");

        Assert.True(resumed.ExitCode == ExitCodes.Success, $"exit {resumed.ExitCode}\n{resumed.Out}\n{resumed.Err}");
        Assert.Equal("succeeded", (await _project.StatusAsync(run)).GetProperty("status").GetString());
        var built = _project.Built.ToString();
        var tags = await ImageReleaseProject.TagsAsync(server.Registry, repository);
        Assert.Equal(
            ["1.2", "1.2.3", "latest", "prerelease", .. ImageReleaseTests.ExpectedArtifactTags(_project)],
            tags.Keys.Order(StringComparer.Ordinal));
        Assert.All(["1.2", "1.2.3", "latest", "prerelease"], tag => Assert.Equal(built, tags[tag]));
        Assert.Equal(_project.Project.BuiltCommit, _project.Project.RemoteTag("v1.2.3"));

        // A re-run adds nothing twice: one signature, one provenance, one SBOM per platform.
        using var client = server.Registry.CreateClient();
        foreach (var artifact in ImageReleaseTests.ExpectedArtifactTags(_project))
        {
            var manifest = (await client.GetManifestAsync(server.Registry.Reference(repository, artifact), TestContext.Current.CancellationToken)).Parse();
            if (manifest.IsIndex)
            {
                // A bundles' fallback index: the signature and the provenance at the index digest, one SBOM at a platform's.
                Assert.Equal(artifact == $"sha256-{_project.Built.Hex}" ? 2 : 1, manifest.Manifests.Count);
            }
            else
            {
                Assert.Single(manifest.Layers);
            }
        }
    }

    [Fact]
    public async Task Ctrl_c_during_the_scan_stops_the_scanner_and_rolls_back_the_pushed_and_signed_image()
    {
        const string Scanner = "touch out/scanning; sleep 61.25; cat out/scan.json";
        _project = new ImageReleaseProject(server.Registry.Host, "e2e/ctrl-c", scanCommand: Scanner);
        using var slipway = new InterruptibleSlipway(_project.Project.Repository.Path, "release");
        await slipway.WaitUntilAsync(() => File.Exists(Path.Combine(_project.Project.Repository.Path, "out", "scanning")), "the scan");

        // Let sign and the attestations (running beside the scan) finish, so there is something to roll back.
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Contains("prerelease", (await ImageReleaseProject.TagsAsync(server.Registry, "e2e/ctrl-c")).Keys);
        var (exitCode, text) = await slipway.InterruptAsync();

        Assert.True(exitCode == ExitCodes.Failed, text);
        Assert.True(slipway.Clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", (await _project.StatusAsync()).GetProperty("status").GetString());
        Assert.Empty(await ImageReleaseProject.TagsAsync(server.Registry, "e2e/ctrl-c"));
        Assert.Equal(1, ProcessRunner.Run("pgrep", ["-f", "sleep 61.25"]).ExitCode);
    }
}
