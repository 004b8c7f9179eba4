using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>The real changelog-render step in a release: notes in the tag, the notes file and fragment removals on the post-release branch.</summary>
public sealed class ChangelogReleaseTests : IDisposable
{
    private const string Changelog = """

        [changelog]
        directory = "changelog.d"
        filename = "CHANGELOG.md"
        """;

    private readonly ReleaseProject _project = new(ReleaseProject.DefaultGates + Changelog);

    public ChangelogReleaseTests()
    {
        _project.Repository.Commit(
            "fragments",
            ("changelog.d/12.feature.md", "Promote images by digest.\n"),
            ("changelog.d/13.bugfix.md", "Restore floating tags on rollback.\n"));
        _project.Repository.Git("push", "-q", "origin", "main");
        _project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_release_renders_the_fragments_into_the_tag_and_the_post_release_branch()
    {
        var plan = await _project.RunAsync("plan");
        var release = await _project.RunAsync("release", "--yes");

        Assert.Contains("changelog-render    run   when [changelog], towncrier.toml or [tool.towncrier] configured", plan.Out, StringComparison.Ordinal);
        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var message = _project.Remote.Git("tag", "-l", "--format=%(contents)", "v1.2.3");
        Assert.Contains("Promote images by digest.", message, StringComparison.Ordinal);
        Assert.Contains("Restore floating tags on rollback.", message, StringComparison.Ordinal);
        const string Branch = "slipway/post-release-1.2.3";
        var notes = _project.Remote.Git("show", $"{Branch}:CHANGELOG.md");
        Assert.Contains("1.2.3", notes, StringComparison.Ordinal);
        Assert.Contains("Promote images by digest.", notes, StringComparison.Ordinal);
        Assert.Equal(string.Empty, _project.Remote.Git("ls-tree", "--name-only", Branch, "changelog.d/"));
        Assert.Equal(_project.Repository.Head, _project.Remote.Git("rev-parse", $"{Branch}^"));
    }

    public static TheoryData<string> ChangelogBoundaries() =>
    [
        "changelog-render:unrecorded", "changelog-render",
        "finalize-changelog:unrecorded", "finalize-changelog",
    ];

    [Theory]
    [MemberData(nameof(ChangelogBoundaries))]
    public async Task A_release_killed_at_a_changelog_step_boundary_resumes_to_one_post_release_commit(string crashAt)
    {
        var crashed = _project.RunProcess(new Dictionary<string, string?> { ["SLIPWAY_APPROVER"] = "maintainer1", ["SLIPWAY_TEST_CRASH_AFTER"] = crashAt }, "release", "--yes");
        Assert.True(crashed.ExitCode == 137, crashed.ToString());
        var run = await _project.LatestRunIdAsync();

        var resumed = _project.RunProcess(new Dictionary<string, string?> { ["SLIPWAY_APPROVER"] = "maintainer1" }, "resume", run, "--yes");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        const string Branch = "slipway/post-release-1.2.3";
        Assert.Equal(["refs/heads/main", $"refs/heads/{Branch}", "refs/tags/v1.2.3"], _project.Remote.Refs().Select(r => r.Split(' ')[0]));
        Assert.Equal(_project.Repository.Head, _project.RemoteTag("v1.2.3"));
        Assert.Equal(_project.Repository.Head, _project.Remote.Git("rev-parse", $"{Branch}^"));
        var notes = _project.Remote.Git("show", $"{Branch}:CHANGELOG.md");
        Assert.Single(notes.Split('\n'), l => l.Contains("Promote images by digest.", StringComparison.Ordinal));
        Assert.Single(_project.Remote.Git("tag", "-l", "--format=%(contents)", "v1.2.3").Split('\n'), l => l.Contains("Restore floating tags on rollback.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_after_the_release_is_public_rolls_nothing_back_and_resume_finishes_it()
    {
        // The remote refuses the post-release branch: finalize-changelog fails after create-release pushed the tag.
        var hook = Path.Combine(_project.Remote.Path, "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\nwhile read old new ref; do case \"$ref\" in refs/heads/slipway/*) exit 1;; esac; done\n");
        ProcessRunner.Run("chmod", ["+x", hook], _project.Remote.Path).EnsureSuccess("chmod");

        var release = await _project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Failed, release.ToString());
        var run = await _project.LatestRunIdAsync();
        Assert.Contains($"nothing was rolled back; fix the cause and run 'slipway resume {run}'", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Equal("failed", (await _project.StatusAsync(run)).GetProperty("status").GetString());
        Assert.Equal(_project.Repository.Head, _project.RemoteTag("v1.2.3"));
        var rollback = await _project.RunAsync("rollback", run);
        Assert.True(rollback.ExitCode == ExitCodes.InvalidInput, rollback.ToString());
        Assert.Contains($"SLW{(int)ErrorCode.NothingToRollBack}: run {run} cannot be rolled back", rollback.Err, StringComparison.Ordinal);
        Assert.Equal(_project.Repository.Head, _project.RemoteTag("v1.2.3"));

        File.Delete(hook);
        var resumed = await _project.RunAsync("resume", run, "--yes");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Equal("succeeded", (await _project.StatusAsync(run)).GetProperty("status").GetString());
        Assert.Equal(_project.Repository.Head, _project.Remote.Git("rev-parse", "slipway/post-release-1.2.3^"));
    }
}
