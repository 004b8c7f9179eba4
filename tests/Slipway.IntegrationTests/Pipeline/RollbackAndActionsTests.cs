using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>slipway rollback on a run left open (by an approver when the run awaits approval), and the GitHub Actions annotations and job summary.</summary>
public sealed class RollbackAndActionsTests : IDisposable
{
    private const string FailingGate = """

        [[gate]]
        name = "unit"
        command = "echo 'expected 3, got 4' >&2; exit 1"
        """;

    private readonly ReleaseProject _project = new(FailingGate);

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_run_left_open_by_no_rollback_is_rolled_back_by_rollback_once()
    {
        var failed = await _project.RunAsync("release", "--no-rollback");
        var run = await _project.LatestRunIdAsync();

        Assert.Equal(ExitCodes.Failed, failed.ExitCode);
        Assert.Contains($"slipway rollback {run}", failed.Out, StringComparison.Ordinal);
        var open = await _project.StatusAsync(run);
        Assert.Equal("failed", open.GetProperty("status").GetString());
        Assert.True(open.GetProperty("open").GetBoolean());

        var rolledBack = await _project.RunAsync("rollback", run);

        Assert.True(rolledBack.ExitCode == ExitCodes.Success, rolledBack.ToString());
        var status = await _project.StatusAsync(run);
        Assert.Equal("rolled-back", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("open").GetBoolean());

        var events = status.GetProperty("events").EnumerateArray();
        Assert.False(Assert.Single(events, e => e.GetProperty("kind").GetString() == "rolled-back").TryGetProperty("actor", out _));

        var again = await _project.RunAsync("rollback", run);
        Assert.Equal(ExitCodes.InvalidInput, again.ExitCode);
        Assert.Contains("SLW8017", again.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SLW8009", null, new string[0])]
    [InlineData("SLW8009", "maintainer1", new[] { "--as", "" })]
    [InlineData("SLW8007", null, new[] { "--as", "mallory" })]
    [InlineData("SLW8007", "mallory", new string[0])]
    public async Task Rollback_of_a_run_awaiting_approval_without_an_approvers_identity_is_refused_and_changes_nothing(string code, string? environment, string[] identity)
    {
        using var project = new ReleaseProject();
        var paused = await project.RunAsync("release");
        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        var run = await project.LatestRunIdAsync();
        var before = (await project.RunAsync("status", run, "--json")).Out;
        if (environment is not null)
        {
            project.Environment["SLIPWAY_APPROVER"] = environment;
        }

        var refused = await project.RunAsync(["rollback", run, .. identity]);

        Assert.True(refused.ExitCode == ExitCodes.InvalidInput, refused.ToString());
        Assert.StartsWith($"slipway: error {code}:", refused.Err, StringComparison.Ordinal);
        Assert.Equal(before, (await project.RunAsync("status", run, "--json")).Out);
    }

    [Fact]
    public async Task Rollback_of_a_run_awaiting_approval_by_an_approver_rolls_it_back_and_journals_who()
    {
        using var project = new ReleaseProject();
        await project.RunAsync("release");
        var run = await project.LatestRunIdAsync();

        var byOption = await project.RunAsync("rollback", run, "--as", "maintainer2");

        Assert.True(byOption.ExitCode == ExitCodes.Success, byOption.ToString());
        var status = await project.StatusAsync(run);
        Assert.Equal("rolled-back", status.GetProperty("status").GetString());
        var rolledBack = Assert.Single(status.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "rolled-back");
        Assert.Equal("maintainer2", rolledBack.GetProperty("actor").GetString());
        Assert.Contains("rolled-back by maintainer2 at ", (await project.RunAsync("status", run)).Out, StringComparison.Ordinal);
        Assert.Empty(project.RemoteTags());

        // The environment names the approver when --as does not.
        project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        project.Repository.Commit("next", ("VERSION", "1.2.4\n"));
        project.Repository.Git("push", "-q", "origin", "main");
        await project.RunAsync("release");
        var next = await project.LatestRunIdAsync();
        var byEnvironment = await project.RunAsync("rollback", next);
        Assert.True(byEnvironment.ExitCode == ExitCodes.Success, byEnvironment.ToString());
        var events = (await project.StatusAsync(next)).GetProperty("events").EnumerateArray();
        Assert.Equal("maintainer1", Assert.Single(events, e => e.GetProperty("kind").GetString() == "rolled-back").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Reject_with_a_blank_identity_is_refused_even_with_SLIPWAY_APPROVER_set_and_changes_nothing()
    {
        using var project = new ReleaseProject();
        await project.RunAsync("release");
        var run = await project.LatestRunIdAsync();
        var before = (await project.RunAsync("status", run, "--json")).Out;
        project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var refused = await project.RunAsync("reject", run, "--as", " ");

        Assert.True(refused.ExitCode == ExitCodes.InvalidInput, refused.ToString());
        Assert.StartsWith("slipway: error SLW8009:", refused.Err, StringComparison.Ordinal);
        Assert.Equal(before, (await project.RunAsync("status", run, "--json")).Out);
    }

    [Fact]
    public async Task Under_github_actions_failures_are_annotations_and_the_run_is_summarised()
    {
        var summary = Path.Combine(_project.Repository.Path, ".slipway", "summary.md");
        Directory.CreateDirectory(Path.GetDirectoryName(summary)!);
        _project.Environment["GITHUB_ACTIONS"] = "true";
        _project.Environment["GITHUB_STEP_SUMMARY"] = summary;

        var result = await _project.RunAsync("release");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("::error title=slipway gates::SLW8011: gate 'unit' failed with exit code 1", result.Out, StringComparison.Ordinal);
        var markdown = File.ReadAllText(summary);
        Assert.Contains("### slipway demo 1.2.3: failed", markdown, StringComparison.Ordinal);
        Assert.Contains("| gates | failed |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_without_runs_says_so_and_status_of_an_unknown_run_is_an_input_error()
    {
        var none = await _project.RunAsync("status");
        Assert.Equal(ExitCodes.Success, none.ExitCode);
        Assert.Contains("no runs yet for demo", none.Out, StringComparison.Ordinal);

        var unknown = await _project.RunAsync("status", "run-00000000");
        Assert.Equal(ExitCodes.InvalidInput, unknown.ExitCode);
        Assert.Contains("SLW8004", unknown.Err, StringComparison.Ordinal);
    }
}
