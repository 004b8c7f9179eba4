using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// The built slipway as a separate process: killed with SIGKILL at every step boundary (test-only
/// SLIPWAY_TEST_CRASH_AFTER), then resumed; two processes racing for one version; Ctrl+C.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int KilledBySigkill = 137;

    private readonly ReleaseProject _project = new();

    public void Dispose() => _project.Dispose();

    private static Dictionary<string, string?> Environment(string? crashAt = null) => new()
    {
        ["SLIPWAY_APPROVER"] = "maintainer1",
        ["SLIPWAY_TEST_CRASH_AFTER"] = crashAt,
    };

    public static TheoryData<string> Boundaries() =>
    [
        "detect-version:unrecorded", "detect-version",
        "preflight:unrecorded", "preflight",
        "gates:unrecorded", "gates",
        "build:unrecorded", "build",
        "approval:unrecorded", "approval",
        "create-release:unrecorded", "create-release",
    ];

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task A_run_killed_at_a_step_boundary_resumes_to_the_state_of_an_uninterrupted_run(string crashAt)
    {
        var crashed = _project.RunProcess(Environment(crashAt), "release", "--yes");

        Assert.True(crashed.ExitCode == KilledBySigkill, $"exit {crashed.ExitCode}\n{crashed.Out}\n{crashed.Err}");
        var run = await _project.LatestRunIdAsync();
        Assert.Equal("running", (await _project.StatusAsync(run)).GetProperty("status").GetString());

        var resumed = _project.RunProcess(Environment(), "resume", run, "--yes");

        Assert.True(resumed.ExitCode == ExitCodes.Success, $"exit {resumed.ExitCode}\n{resumed.Out}\n{resumed.Err}");
        AssertReleasedLikeAnUninterruptedRun();
        var status = await _project.StatusAsync(run);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        var step = crashAt.Split(':')[0];
        var attempts = status.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == step).GetProperty("attempt").GetInt32();
        Assert.Equal(crashAt.EndsWith(":unrecorded", StringComparison.Ordinal) ? 2 : 1, attempts);
    }

    [Fact]
    public async Task Release_continues_the_run_a_killed_process_left_open()
    {
        _project.RunProcess(Environment("gates"), "release", "--yes");
        var run = await _project.LatestRunIdAsync();

        var continued = _project.RunProcess(Environment(), "release", "--yes");

        Assert.True(continued.ExitCode == ExitCodes.Success, continued.Out + continued.Err);
        Assert.Equal(run, await _project.LatestRunIdAsync());
        AssertReleasedLikeAnUninterruptedRun();
    }

    [Fact]
    public async Task Two_concurrent_release_processes_for_one_version_share_one_run_and_no_step_runs_twice()
    {
        _project.AddGate("slow", "sleep 3");
        var environment = new Dictionary<string, string?>();

        var first = Task.Run(() => _project.RunProcess(environment, "release"), TestContext.Current.CancellationToken);
        var second = Task.Run(() => _project.RunProcess(environment, "release"), TestContext.Current.CancellationToken);
        var results = await Task.WhenAll(first, second);

        Assert.True(results.All(r => r.ExitCode == ExitCodes.AwaitingApproval), string.Join("\n", results.Select(r => $"{r.ExitCode}\n{r.Out}\n{r.Err}")));
        var run = await _project.LatestRunIdAsync();
        var status = await _project.StatusAsync(run);
        Assert.Equal("awaiting-approval", status.GetProperty("status").GetString());
        Assert.All(status.GetProperty("steps").EnumerateArray(), s => Assert.True(s.GetProperty("attempt").GetInt32() <= 1, s.ToString()));
    }

    [Fact]
    public async Task Ctrl_c_cancels_the_running_step_and_marks_the_run_cancelled()
    {
        _project.AddGate("slow", "echo started; sleep 60");
        using var slipway = new InterruptibleSlipway(_project.Repository.Path, "release");
        var slowLog = Path.Combine(_project.Repository.Path, ".slipway", "runs");
        await slipway.WaitUntilAsync(
            () => Directory.Exists(slowLog) && Directory.EnumerateFiles(slowLog, "slow.log", SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > 0),
            "the slow gate");

        var (exitCode, text) = await slipway.InterruptAsync();

        Assert.True(exitCode == ExitCodes.Failed, text);
        Assert.True(slipway.Clock.Elapsed < TimeSpan.FromSeconds(30));
        var status = await _project.StatusAsync();
        Assert.Equal("cancelled", status.GetProperty("status").GetString());
        var gates = status.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "gates");
        Assert.Equal("failed", gates.GetProperty("status").GetString());
        Assert.Equal("cancelled", gates.GetProperty("error").GetString());
        Assert.Empty(_project.RemoteTags());
    }

    [Fact]
    public async Task Sigterm_during_a_gate_ends_the_process_and_the_gate_within_a_second()
    {
        var pidFile = Path.Combine(_project.Repository.Path, ".slipway", "sleep.pid");
        _project.AddGate("slow", $"sleep 60 & echo $! > '{pidFile}'; echo started; wait");
        using var slipway = new InterruptibleSlipway(_project.Repository.Path, "release");
        await slipway.WaitUntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the slow gate");
        var sleeper = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Alive(sleeper), "the gate's sleep is not running");

        var (exitCode, text) = await slipway.InterruptAsync("TERM");

        Assert.True(exitCode == ExitCodes.Failed, text);
        Assert.True(slipway.ExitDelay < TimeSpan.FromSeconds(2), $"exited {slipway.ExitDelay} after SIGTERM\n{text}");
        Assert.False(Alive(sleeper), "the gate's child outlived slipway");
        Assert.Equal("cancelled", (await _project.StatusAsync()).GetProperty("status").GetString());
    }

    private static bool Alive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');

    private void AssertReleasedLikeAnUninterruptedRun()
    {
        Assert.Equal(["v1.2.3"], _project.RemoteTags());
        Assert.Equal(_project.BuiltCommit, _project.RemoteTag("v1.2.3"));
        Assert.Equal("tag", _project.Remote.Git("cat-file", "-t", "v1.2.3"));
        Assert.Equal("demo 1.2.3", _project.Remote.Git("tag", "-l", "--format=%(contents:subject)", "v1.2.3"));
        Assert.Equal(["refs/heads/main", "refs/tags/v1.2.3"], _project.Remote.Refs().Select(r => r.Split(' ')[0]));
    }
}
