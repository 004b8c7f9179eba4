using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// <c>slipway step</c> and <c>release --create-only</c>: a run created by one command and executed step by step by
/// others, as separate CI jobs would; what a step that is not ready, unknown or held by a live claim answers.
/// </summary>
public sealed class StepCommandTests : IDisposable
{
    private readonly ReleaseProject _project = new();

    public void Dispose() => _project.Dispose();

    private async Task<string> CreateAsync()
    {
        var created = await _project.RunAsync("release", "--create-only", "--json");
        Assert.True(created.ExitCode == ExitCodes.Success, created.ToString());
        return JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> StepStatusAsync(string run, string step) =>
        (await _project.StatusAsync(run)).GetProperty("steps").EnumerateArray().SingleOrDefault(s => s.GetProperty("name").GetString() == step);

    [Fact]
    public async Task Create_only_prints_the_id_of_a_run_whose_steps_are_all_pending_and_runs_nothing()
    {
        var run = await CreateAsync();

        var status = await _project.StatusAsync(run);
        Assert.StartsWith("run-", run, StringComparison.Ordinal);
        Assert.Equal("running", status.GetProperty("status").GetString());
        var steps = status.GetProperty("steps").EnumerateArray().ToList();
        var names = steps.Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["detect-version", "preflight", "gates", "build"], names.Take(4));
        Assert.Contains("create-release", names);
        Assert.Contains("approval", names);
        Assert.All(steps, s => Assert.Equal(("pending", 0), (s.GetProperty("status").GetString(), s.GetProperty("attempt").GetInt32())));
        Assert.False(Directory.Exists(Path.Combine(_project.Repository.Path, "out")));
        Assert.Empty(_project.RemoteTags());
        Assert.Equal(run, await CreateAsync());
    }

    [Fact]
    public async Task A_step_whose_dependencies_are_not_done_exits_4_naming_them_and_changes_nothing()
    {
        var run = await CreateAsync();

        var early = await _project.RunAsync("step", "build", "--run", run);

        Assert.True(early.ExitCode == ExitCodes.NotReady, early.ToString());
        Assert.Contains($"slipway: error SLW8040: step 'build' of run {run} is not ready: it waits for gates", early.Err, StringComparison.Ordinal);
        Assert.Single(early.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("pending", (await StepStatusAsync(run, "build")).GetProperty("status").GetString());
        Assert.False(Directory.Exists(Path.Combine(_project.Repository.Path, "out")));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_its_code_and_exit_2()
    {
        var run = await CreateAsync();

        var misspelt = await _project.RunAsync("step", "gatse", "--run", run);
        var missing = await _project.RunAsync("step", "gates", "--run", "run-00000000");
        var both = await _project.RunAsync("step", "gates", "--next", "--run", run);
        var platform = await _project.RunAsync("step", "gates", "--platform", "linux/arm64", "--run", run);

        Assert.True(misspelt.ExitCode == ExitCodes.InvalidInput, misspelt.ToString());
        Assert.Contains("SLW8041: there is no step 'gatse'; did you mean 'gates'?", misspelt.Err, StringComparison.Ordinal);
        Assert.Contains("SLW8004: no run 'run-00000000'", missing.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Equal((ExitCodes.InvalidInput, ExitCodes.InvalidInput), (both.ExitCode, platform.ExitCode));
        Assert.Contains("SLW1001", both.Err, StringComparison.Ordinal);
        Assert.All((await _project.StatusAsync(run)).GetProperty("steps").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("attempt").GetInt32()));
    }

    [Fact]
    public async Task A_step_in_a_checkout_whose_configuration_differs_from_the_runs_is_refused_and_runs_nothing()
    {
        var run = await CreateAsync();
        var config = Path.Combine(_project.Repository.Path, "slipway.toml");
        File.AppendAllText(config, "\n[[gate]]\nname = \"extra\"\ncommand = \"touch extra-gate-ran\"\n");

        var refused = await _project.RunAsync("step", "detect-version", "--run", run);

        Assert.True(refused.ExitCode == ExitCodes.InvalidInput, refused.ToString());
        Assert.Contains("SLW8060", refused.Err, StringComparison.Ordinal);
        Assert.Contains($"run the step from the run's commit {_project.BuiltCommit}", refused.Err, StringComparison.Ordinal);
        Assert.All((await _project.StatusAsync(run)).GetProperty("steps").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("attempt").GetInt32()));
    }

    [Fact]
    public async Task Approve_with_no_continue_only_journals_the_approval_and_the_approval_step_then_passes_in_its_own_job()
    {
        var run = await CreatePausedAtTheApprovalAsync();

        var approved = await _project.RunAsync("approve", run, "--as", "maintainer2", "--no-continue");

        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
        Assert.Contains($"slipway step approval --run {run}", approved.Out + approved.Err, StringComparison.Ordinal);
        Assert.Equal("awaiting-approval", (await StepStatusAsync(run, "approval")).GetProperty("status").GetString());
        Assert.Equal("pending", (await StepStatusAsync(run, "create-release")).GetProperty("status").GetString());
        Assert.Empty(_project.RemoteTags());
        var step = await _project.RunAsync("step", "approval", "--run", run);
        Assert.True(step.ExitCode == ExitCodes.Success, step.ToString());
        Assert.Equal("succeeded", (await StepStatusAsync(run, "approval")).GetProperty("status").GetString());
        var trail = (await _project.StatusAsync(run)).GetRawText();
        Assert.Contains("maintainer2", trail, StringComparison.Ordinal);
    }

    /// <summary>An approval recorded without continuing (as the approval page records it) is enough for resume to finish the run.</summary>
    [Fact]
    public async Task Resume_finishes_a_run_approved_without_continuing()
    {
        var run = await CreatePausedAtTheApprovalAsync();

        var waiting = await _project.RunAsync("resume", run);
        Assert.True(_project.RemoteTags().Count == 0, waiting.ToString() + string.Join(",", _project.RemoteTags()));
        var approved = await _project.RunAsync("approve", run, "--as", "maintainer2", "--no-continue");
        var resumed = await _project.RunAsync("resume", run);

        Assert.True(waiting.ExitCode == ExitCodes.AwaitingApproval, waiting.ToString());
        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Equal("succeeded", (await _project.StatusAsync(run)).GetProperty("status").GetString());
        Assert.Equal(_project.BuiltCommit, _project.RemoteTag("v1.2.3"));
    }

    [Fact]
    public async Task Two_concurrent_approves_record_one_approval_and_the_other_is_told_it_is_already_decided()
    {
        var run = await CreatePausedAtTheApprovalAsync();

        var both = await Task.WhenAll(
            _project.RunAsync("approve", run, "--as", "maintainer2", "--no-continue"),
            _project.RunAsync("approve", run, "--as", "maintainer2", "--no-continue"));

        Assert.Single(both, r => r.ExitCode == ExitCodes.Success);
        var refused = Assert.Single(both, r => r.ExitCode != ExitCodes.Success);
        Assert.True(refused.ExitCode == ExitCodes.InvalidInput, refused.ToString());
        Assert.Contains("SLW8708", refused.Err, StringComparison.Ordinal);
        var events = (await _project.StatusAsync(run)).GetProperty("events").EnumerateArray();
        Assert.Single(events, e => e.GetProperty("kind").GetString() == "approved");
    }

    [Fact]
    public async Task Next_runs_the_ready_steps_one_per_call_until_the_approval_and_then_the_run_to_its_end()
    {
        var run = await CreateAsync();
        var exits = new List<int>();
        for (var i = 0; i < 20 && exits.LastOrDefault(-1) != ExitCodes.AwaitingApproval; i++)
        {
            var next = await _project.RunAsync("step", "--next", "--run", run, "--json");
            exits.Add(next.ExitCode);
            Assert.True(next.ExitCode is ExitCodes.Success or ExitCodes.AwaitingApproval, next.ToString());
        }

        Assert.Equal(ExitCodes.AwaitingApproval, exits[^1]);
        Assert.Equal(ExitCodes.AwaitingApproval, (await _project.RunAsync("step", "approval", "--run", run)).ExitCode);
        var approved = await _project.RunAsync("step", "approval", "--run", run, "--yes", "--as", "maintainer1", "--json");
        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
        Assert.Equal("succeeded", JsonDocument.Parse(approved.Out).RootElement.GetProperty("result").GetString());

        CliResultLike last;
        do
        {
            var next = await _project.RunAsync("step", "--next", "--run", run);
            last = new CliResultLike(next.ExitCode, next.Out + next.Err);
            Assert.True(next.ExitCode == ExitCodes.Success, next.ToString());
        }
        while (!last.Text.Contains("is done", StringComparison.Ordinal));

        Assert.Equal("succeeded", (await _project.StatusAsync(run)).GetProperty("status").GetString());
        Assert.Equal(_project.BuiltCommit, _project.RemoteTag("v1.2.3"));
        var again = await _project.RunAsync("step", "gates", "--run", run);
        Assert.True(again.ExitCode == ExitCodes.Success, again.ToString());
        Assert.Contains($"step 'gates' of run {run} had already succeeded; nothing ran", again.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await StepStatusAsync(run, "gates")).GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task A_runner_killed_mid_step_holds_it_until_its_lease_expires_then_another_takes_it_over_and_the_run_completes()
    {
        var run = await CreateAsync();
        Assert.Equal(ExitCodes.Success, (await _project.RunAsync("step", "detect-version", "--run", run)).ExitCode);
        Assert.Equal(ExitCodes.Success, (await _project.RunAsync("step", "preflight", "--run", run)).ExitCode);

        // compose-notes waits for sign and attest-provenance (the verify commands), so the held gates are the only step --next could take.
        var killed = _project.StartProcess(new Dictionary<string, string?> { ["SLIPWAY_TEST_CRASH_AFTER"] = "gates:unrecorded" }, "step", "gates", "--run", run);
        Assert.True(killed.ExitCode == ReleaseProject.KilledBySigkill, killed.ToString());

        var held = await _project.RunAsync("step", "gates", "--run", run);
        var forced = await _project.RunAsync("resume", run, "--force", "--yes", "--as", "maintainer1");
        var next = await _project.RunAsync("step", "--next", "--run", run);

        Assert.True(held.ExitCode == ExitCodes.NotReady, held.ToString());
        Assert.Contains($"SLW8040: step 'gates' of run {run} is not ready: another runner holds it (process ", held.Err, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == ExitCodes.InvalidInput, forced.ToString());
        Assert.Contains("SLW8043", forced.Err, StringComparison.Ordinal);
        Assert.True(next.ExitCode == ExitCodes.NotReady, next.ToString());
        Assert.Contains("other runners hold 'gates'", next.Err, StringComparison.Ordinal);
        Assert.Equal(1, (await StepStatusAsync(run, "gates")).GetProperty("attempt").GetInt32());

        await Task.Delay(ReleaseProject.Lease + TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        var taken = await _project.RunAsync("step", "gates", "--run", run);
        var finished = await _project.RunAsync("resume", run, "--yes", "--as", "maintainer1");

        Assert.True(taken.ExitCode == ExitCodes.Success, taken.ToString());
        Assert.Equal(2, (await StepStatusAsync(run, "gates")).GetProperty("attempt").GetInt32());
        Assert.True(finished.ExitCode == ExitCodes.Success, finished.ToString());
        Assert.Equal(_project.BuiltCommit, _project.RemoteTag("v1.2.3"));
        Assert.Equal(["v1.2.3"], _project.RemoteTags());
    }

    /// <summary>A run whose ready steps ran one per <c>step --next</c> until the approval paused it.</summary>
    private async Task<string> CreatePausedAtTheApprovalAsync()
    {
        var run = await CreateAsync();
        for (var i = 0; i < 20; i++)
        {
            var next = await _project.RunAsync("step", "--next", "--run", run);
            if (next.ExitCode == ExitCodes.AwaitingApproval)
            {
                return run;
            }

            Assert.True(next.ExitCode == ExitCodes.Success, next.ToString());
        }

        Assert.Fail($"run {run} never reached the approval");
        return run;
    }

    private sealed record CliResultLike(int ExitCode, string Text);
}
