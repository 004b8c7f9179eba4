using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.Oci;
using Slipway.Pipeline;
using Slipway.State;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>
/// Build once, across machines: each platform of a <c>layouts</c> image built by its own runner in its own clone and
/// pushed by digest, then merged by a third into one signed index of exactly those manifests; and the ways a platform
/// build is refused before it pushes anything.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class PlatformBuildTests(AnonymousRegistry server) : IDisposable
{
    private static readonly Platform Amd64 = new("linux", "amd64");
    private static readonly Platform Arm64 = new("linux", "arm64", "v8");

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
    public async Task Two_platforms_built_by_two_runners_merge_into_one_signed_index_of_the_very_manifests_each_pushed()
    {
        var project = Own(new PlatformBuildProject(Registry.Host, "e2e/per-platform"));
        var amd64Machine = project.Clone();
        var arm64Machine = project.Clone();
        var amd64 = PlatformBuildProject.BuildPlatform(amd64Machine, "out/amd64", Amd64);
        var arm64 = PlatformBuildProject.BuildPlatform(arm64Machine, "out/arm64", Arm64);

        RunRecord run;
        using (var first = new OneStepRunner(amd64Machine))
        {
            run = await first.CreateRunAsync(project.Project.BuiltCommit);
            await first.BeforeAsync(run, StepNames.Build);
        }

        // Both platforms build at once, each runner on its own machine, as two CI jobs do.
        using (var amd64Runner = new OneStepRunner(amd64Machine))
        using (var arm64Runner = new OneStepRunner(arm64Machine))
        {
            var built = await Task.WhenAll(amd64Runner.StepAsync(run, StepNames.Build, "linux/amd64"), arm64Runner.StepAsync(run, StepNames.Build, "linux/arm64"));
            Assert.All(built, b => Assert.Equal(StepExecutionKind.Succeeded, b.Execution.Kind));
            Assert.Equal(["build:linux/amd64", "build:linux/arm64"], built.Select(b => b.Execution.Step));
            var steps = await amd64Runner.Journal.StepsAsync(run.Id, TestContext.Current.CancellationToken);
            Assert.Equal(StepStatus.Succeeded, steps.Single(s => s.Name == StepNames.Build).Status);
        }

        // Each platform is in the registry by digest, and nothing is tagged yet.
        using var client = Registry.CreateClient();
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/per-platform"));
        Assert.NotNull(await client.HeadManifestAsync(project.Image.WithDigest(amd64.Children[0].Digest), TestContext.Current.CancellationToken));
        Assert.NotNull(await client.HeadManifestAsync(project.Image.WithDigest(arm64.Children[0].Digest), TestContext.Current.CancellationToken));

        // The machine that merges, signs and releases has neither layout.
        var release = await project.Project.RunAsync("resume", run.Id, "--yes", "--as", "maintainer1");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        Assert.False(Directory.Exists(Path.Combine(project.Project.Repository.Path, "out", "amd64")));
        var index = await client.GetManifestAsync(project.Image.WithTag("1.2.3"), TestContext.Current.CancellationToken);
        var entries = index.Parse().Manifests;
        Assert.Equal(MediaTypes.OciIndex, index.MediaType);
        Assert.Equal([amd64.Children[0].Digest, arm64.Children[0].Digest], entries.Select(e => e.Digest));
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], entries.Select(e => e.Platform!.ToString()));
        foreach (var (machine, layout, child) in new[] { (amd64Machine, "out/amd64", amd64.Children[0]), (arm64Machine, "out/arm64", arm64.Children[0]) })
        {
            var served = await client.GetManifestAsync(project.Image.WithDigest(child.Digest), TestContext.Current.CancellationToken);
            Assert.Equal(File.ReadAllBytes(Path.Combine(machine, layout, "blobs", "sha256", child.Digest.Hex)), served.Bytes);
        }

        // Both runners' records landed, each in its own row.
        using (var journal = new OneStepRunner(project.Project.Repository.Path))
        {
            var steps = await journal.Journal.StepsAsync(run.Id, TestContext.Current.CancellationToken);
            Assert.Equal(StepStatus.Succeeded, steps.Single(s => s.Name == "build:linux/amd64").Status);
            Assert.Equal(StepStatus.Succeeded, steps.Single(s => s.Name == "build:linux/arm64").Status);
            Assert.Equal(arm64.Children[0].Digest.ToString(), steps.Single(s => s.Name == "build:linux/arm64").Outputs!["layouts"]![0]!["digest"]!.GetValue<string>());
        }

        var verify = await CliRunner.RunAsync(
            project.Project.Repository.Path, "verify", project.Image.WithTag("1.2.3").ToString(), "--key", project.PublicKey, "--attestation", "spdxjson", "--attestation", "slsaprovenance");
        Assert.True(verify.ExitCode == ExitCodes.Success, verify.ToString());
        Assert.Contains("(linux/amd64)", verify.Out, StringComparison.Ordinal);
        Assert.Contains("(linux/arm64/v8)", verify.Out, StringComparison.Ordinal);
        Assert.Equal(project.Project.BuiltCommit, project.Project.RemoteTag("v1.2.3"));
        var status = await project.Project.RunAsync("status", run.Id);
        Assert.True(status.ExitCode == ExitCodes.Success, status.ToString());
        Assert.Contains("build:linux/arm64", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_platform_one_process_builds_every_layout_and_pushes_the_index_of_them()
    {
        var project = Own(new PlatformBuildProject(Registry.Host, "e2e/layouts-one-process"));
        var amd64 = PlatformBuildProject.BuildPlatform(project.Project.Repository.Path, "out/amd64", Amd64);
        var arm64 = PlatformBuildProject.BuildPlatform(project.Project.Repository.Path, "out/arm64", Arm64);

        var release = await project.Project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        using var client = Registry.CreateClient();
        var index = await client.GetManifestAsync(project.Image.WithTag("latest"), TestContext.Current.CancellationToken);
        Assert.Equal([amd64.Children[0].Digest, arm64.Children[0].Digest], index.Parse().Manifests.Select(e => e.Digest));
    }

    [Fact]
    public async Task A_platform_layout_holding_another_platform_is_bad_input_and_pushes_nothing()
    {
        var project = Own(new PlatformBuildProject(Registry.Host, "e2e/wrong-platform"));
        var machine = project.Clone();
        var wrong = PlatformBuildProject.BuildPlatform(machine, "out/arm64", Amd64);
        using var runner = new OneStepRunner(machine);
        var run = await runner.CreateRunAsync(project.Project.BuiltCommit);
        await runner.BeforeAsync(run, StepNames.Build);

        var (failed, _) = await runner.StepAsync(run, StepNames.Build, "linux/arm64");

        Assert.Equal(StepExecutionKind.Failed, failed.Kind);
        Assert.StartsWith("SLW8072: ", failed.Message, StringComparison.Ordinal);
        Assert.Contains("out/arm64 is the layout of linux/arm64 in [[image]] layouts but holds linux/amd64", failed.Message, StringComparison.Ordinal);
        using var client = Registry.CreateClient();
        Assert.Null(await client.HeadManifestAsync(project.Image.WithDigest(wrong.Children[0].Digest), TestContext.Current.CancellationToken));
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/wrong-platform"));
        var steps = await runner.Journal.StepsAsync(run.Id, TestContext.Current.CancellationToken);
        Assert.Equal(StepStatus.Failed, steps.Single(s => s.Name == "build:linux/arm64").Status);
    }

    [Theory]
    [InlineData("linux/s390x", "no [[image]] layouts names it (known: linux/amd64, linux/arm64)")]
    [InlineData("linux", "is not os/arch[/variant]")]
    public async Task A_platform_no_layout_names_is_bad_input_before_the_build_command_runs(string platform, string reason)
    {
        var project = Own(new PlatformBuildProject(Registry.Host, "e2e/unknown-platform"));
        var machine = project.Clone();
        using var runner = new OneStepRunner(machine);
        var run = await runner.CreateRunAsync(project.Project.BuiltCommit);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => runner.StepAsync(run, StepNames.Build, platform));

        Assert.Equal(ErrorCode.PlatformNotConfigured, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(machine, "out", "app.txt")), "the build command ran");
    }

    [Fact]
    public async Task Push_prerelease_before_every_platform_is_built_is_not_ready_and_tags_nothing()
    {
        var project = Own(new PlatformBuildProject(Registry.Host, "e2e/half-built"));
        var machine = project.Clone();
        PlatformBuildProject.BuildPlatform(machine, "out/amd64", Amd64);
        string runId;
        using (var runner = new OneStepRunner(machine))
        {
            var run = await runner.CreateRunAsync(project.Project.BuiltCommit);
            runId = run.Id;
            await runner.BeforeAsync(run, StepNames.Build);
            await runner.StepAsync(run, StepNames.Build, "linux/amd64");
            var steps = await runner.Journal.StepsAsync(runId, TestContext.Current.CancellationToken);
            Assert.Equal(StepStatus.Succeeded, steps.Single(s => s.Name == "build:linux/amd64").Status);
            Assert.DoesNotContain(steps, s => s.Name == StepNames.Build && s.Status == StepStatus.Succeeded);
        }

        var push = await project.Project.RunAsync("step", "push-prerelease", "--run", runId);

        Assert.Equal(ExitCodes.NotReady, push.ExitCode);
        Assert.Contains("SLW8040", push.Err, StringComparison.Ordinal);
        Assert.Contains("it waits for build", push.Err, StringComparison.Ordinal);
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/half-built"));
        Assert.Empty(project.Project.RemoteTags());
    }

    [Fact]
    public async Task A_platform_manifest_gone_from_the_registry_before_the_merge_is_refused_and_nothing_is_tagged()
    {
        var project = Own(new PlatformBuildProject(Registry.Host, "e2e/manifest-gone"));
        var machine = project.Clone();
        var amd64 = PlatformBuildProject.BuildPlatform(machine, "out/amd64", Amd64);
        PlatformBuildProject.BuildPlatform(machine, "out/arm64", Arm64);
        string runId;
        using (var runner = new OneStepRunner(machine))
        {
            var run = await runner.CreateRunAsync(project.Project.BuiltCommit);
            runId = run.Id;
            await runner.BeforeAsync(run, StepNames.Build);
            await runner.StepAsync(run, StepNames.Build, "linux/amd64");
            await runner.StepAsync(run, StepNames.Build, "linux/arm64");
        }

        using var client = Registry.CreateClient();
        Assert.True(await client.DeleteManifestAsync(project.Image, amd64.Children[0].Digest, TestContext.Current.CancellationToken));

        var release = await project.Project.RunAsync("resume", runId, "--yes", "--as", "maintainer1");

        Assert.Equal(ExitCodes.Failed, release.ExitCode);
        Assert.Contains("SLW8075", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Contains($"{project.Image.WithDigest(amd64.Children[0].Digest)}, which the platform build pushed, is not in the registry", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/manifest-gone"));
    }

    [Fact]
    public async Task A_platform_built_again_keeps_its_journaled_record_and_pushes_nothing_new()
    {
        var project = Own(new PlatformBuildProject(Registry.Host, "e2e/built-twice"));
        var machine = project.Clone();
        var first = PlatformBuildProject.BuildPlatform(machine, "out/amd64", Amd64);
        using var runner = new OneStepRunner(machine);
        var run = await runner.CreateRunAsync(project.Project.BuiltCommit);
        await runner.BeforeAsync(run, StepNames.Build);
        await runner.StepAsync(run, StepNames.Build, "linux/amd64");
        Directory.Delete(Path.Combine(machine, "out", "amd64"), recursive: true);
        var second = PlatformBuildProject.BuildPlatform(machine, "out/amd64", Amd64);

        var (again, outputs) = await runner.StepAsync(run, StepNames.Build, "linux/amd64");

        Assert.Equal(StepExecutionKind.AlreadyDone, again.Kind);

        Assert.Equal(first.Children[0].Digest.ToString(), outputs!["layouts"]![0]!["digest"]!.GetValue<string>());
        using var client = Registry.CreateClient();
        Assert.Null(await client.HeadManifestAsync(project.Image.WithDigest(second.Children[0].Digest), TestContext.Current.CancellationToken));
        var steps = await runner.Journal.StepsAsync(run.Id, TestContext.Current.CancellationToken);
        Assert.Equal(1, steps.Single(s => s.Name == "build:linux/amd64").Attempt);
    }

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
