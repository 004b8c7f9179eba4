using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>slipway rollback on a run left open, and the GitHub Actions annotations and job summary.</summary>
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

        var again = await _project.RunAsync("rollback", run);
        Assert.Equal(ExitCodes.InvalidInput, again.ExitCode);
        Assert.Contains("SLW8017", again.Err, StringComparison.Ordinal);
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
