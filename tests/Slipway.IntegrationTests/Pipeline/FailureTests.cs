using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>Releases that fail: a gate, a dirty tree, and what resume does next.</summary>
public sealed class FailureTests : IDisposable
{
    private const string FlakyGate = """

        [[gate]]
        name = "unit"
        command = "echo running unit tests; test -f .slipway/unit-passes || { echo 'unit test failed: expected 3, got 4' >&2; exit 3; }"

        [[gate]]
        name = "lint"
        command = "echo lint is clean"
        """;

    private readonly ReleaseProject _project = new(FlakyGate);

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_failing_gate_fails_the_run_before_the_build_and_keeps_its_log()
    {
        var result = await _project.RunAsync("release");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("SLW8011", result.Err, StringComparison.Ordinal);
        Assert.Contains("gate 'unit' failed with exit code 3", result.Err, StringComparison.Ordinal);
        Assert.Contains("expected 3, got 4", result.Out, StringComparison.Ordinal);
        var status = await _project.StatusAsync();
        Assert.Equal("failed", status.GetProperty("status").GetString());
        var steps = status.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal("failed", steps["gates"].GetProperty("status").GetString());
        Assert.False(steps.ContainsKey("build"));
        Assert.False(Directory.Exists(Path.Combine(_project.Repository.Path, "out")));
        var log = Path.Combine(_project.Repository.Path, ".slipway", "runs", status.GetProperty("id").GetString()!, "gates", "unit.log");
        Assert.Contains("expected 3, got 4", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.Empty(_project.RemoteTags());
    }

    [Fact]
    public async Task Resume_after_the_cause_is_fixed_runs_the_gates_again_and_finishes()
    {
        await _project.RunAsync("release");
        var run = await _project.LatestRunIdAsync();
        File.WriteAllText(Path.Combine(_project.Repository.Path, ".slipway", "unit-passes"), string.Empty);

        var result = await _project.RunAsync("resume", run, "--yes", "--as", "maintainer1");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(_project.BuiltCommit, _project.RemoteTag("v1.2.3"));
        var steps = (await _project.StatusAsync(run)).GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(1, steps["preflight"].GetProperty("attempt").GetInt32());
        Assert.Equal(2, steps["gates"].GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task Resume_refuses_when_the_configuration_changed_unless_forced()
    {
        await _project.RunAsync("release");
        var run = await _project.LatestRunIdAsync();
        File.WriteAllText(Path.Combine(_project.Repository.Path, ".slipway", "unit-passes"), string.Empty);
        File.AppendAllText(Path.Combine(_project.Repository.Path, "slipway.toml"), "\n# edited\n");

        var refused = await _project.RunAsync("resume", run, "--yes", "--as", "maintainer1");

        Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
        Assert.Contains("SLW8006", refused.Err, StringComparison.Ordinal);
        Assert.Equal("failed", (await _project.StatusAsync(run)).GetProperty("status").GetString());

        var forced = await _project.RunAsync("resume", run, "--yes", "--as", "maintainer1", "--force");
        Assert.True(forced.ExitCode == ExitCodes.Success, forced.ToString());
    }

    [Fact]
    public async Task Approve_refuses_when_the_configuration_changed_during_the_wait()
    {
        Directory.CreateDirectory(Path.Combine(_project.Repository.Path, ".slipway"));
        File.WriteAllText(Path.Combine(_project.Repository.Path, ".slipway", "unit-passes"), string.Empty);
        var paused = await _project.RunAsync("release");
        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        var run = await _project.LatestRunIdAsync();
        var config = Path.Combine(_project.Repository.Path, "slipway.toml");
        var original = File.ReadAllText(config);
        File.AppendAllText(config, "\n# edited during the wait\n");

        var refused = await _project.RunAsync("approve", run, "--as", "maintainer1");

        Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
        Assert.Contains("SLW8006", refused.Err, StringComparison.Ordinal);
        Assert.Contains($"slipway resume {run} --force --yes --as maintainer1", refused.Err, StringComparison.Ordinal);
        Assert.Equal("awaiting-approval", (await _project.StatusAsync(run)).GetProperty("status").GetString());

        File.WriteAllText(config, original);
        var approved = await _project.RunAsync("approve", run, "--as", "maintainer1");
        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
    }

    [Fact]
    public async Task Approve_refuses_when_the_codeowners_file_the_approvers_come_from_changed_during_the_wait()
    {
        var config = Path.Combine(_project.Repository.Path, "slipway.toml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("approvers = [\"maintainer1\", \"maintainer2\"]", "codeowners = true", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(_project.Repository.Path, ".github"));
        var codeowners = Path.Combine(_project.Repository.Path, ".github", "CODEOWNERS");
        File.WriteAllText(codeowners, "* @maintainer1\n");
        _project.Repository.Git("add", "-A");
        _project.Repository.Git("commit", "-qm", "approvers from CODEOWNERS");
        _project.Repository.Git("push", "-q", "origin", "main");
        Directory.CreateDirectory(Path.Combine(_project.Repository.Path, ".slipway"));
        File.WriteAllText(Path.Combine(_project.Repository.Path, ".slipway", "unit-passes"), string.Empty);
        var paused = await _project.RunAsync("release");
        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        var run = await _project.LatestRunIdAsync();

        File.WriteAllText(codeowners, "* @maintainer1 @mallory\n");
        var refused = await _project.RunAsync("approve", run, "--as", "mallory");

        Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
        Assert.Contains("SLW8006", refused.Err, StringComparison.Ordinal);
        Assert.Equal("awaiting-approval", (await _project.StatusAsync(run)).GetProperty("status").GetString());
        Assert.Empty(_project.RemoteTags());
    }

    [Fact]
    public async Task Resume_refuses_when_the_commit_changed_unless_forced()
    {
        await _project.RunAsync("release");
        var run = await _project.LatestRunIdAsync();
        _project.Repository.Commit("another commit", ("other.txt", "x\n"));

        var refused = await _project.RunAsync("resume", run);

        Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
        Assert.Contains("SLW8006", refused.Err, StringComparison.Ordinal);
        Assert.Contains("commit", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dirty_working_tree_fails_preflight_unless_allowed()
    {
        File.WriteAllText(Path.Combine(_project.Repository.Path, "uncommitted.txt"), "uncommitted\n");
        Directory.CreateDirectory(Path.Combine(_project.Repository.Path, ".slipway"));
        File.WriteAllText(Path.Combine(_project.Repository.Path, ".slipway", "unit-passes"), string.Empty);

        var refused = await _project.RunAsync("release");

        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("SLW2012", refused.Err, StringComparison.Ordinal);
        Assert.Empty(_project.RemoteTags());

        _project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        var allowed = await _project.RunAsync("release", "--allow-dirty", "--yes");
        Assert.True(allowed.ExitCode == ExitCodes.Success, allowed.ToString());
    }
}
