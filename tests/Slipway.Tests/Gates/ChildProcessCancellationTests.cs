using System.Diagnostics;
using System.Globalization;
using Slipway.Diagnostics;
using Slipway.Gates;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Gates;

/// <summary>Cancelling a command (Ctrl+C, SIGTERM) ends it and its children within a second, whatever it is doing.</summary>
public sealed class ChildProcessCancellationTests : IDisposable
{
    private readonly TempDirectory _temp = new("child");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_captured_command_that_sleeps_is_killed_within_a_second_of_cancellation()
    {
        var pidFile = _temp["sleep.pid"];
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = CapturedCommand.RunAsync(
            $"sleep 60 & echo $! > '{pidFile}'; wait", _temp.Path, (code, line) => SlipwayException.Failure(ErrorCode.SbomCommandFailed, line), cancellation.Token);
        var sleeper = await WaitForPidAsync(pidFile);

        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));

        Assert.Same(run, ended);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.Elapsed}");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(await StillAliveAfterASecondAsync(sleeper), "the command's child outlived the cancellation");
    }

    [Fact]
    public async Task A_shell_command_that_sleeps_is_killed_within_a_second_of_cancellation()
    {
        var pidFile = _temp["sleep.pid"];
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = ShellCommand.RunAsync(
            $"sleep 60 & echo $! > '{pidFile}'; wait", _temp.Path, _temp["gate.log"], new Dictionary<string, string>(), new SecretRedactor(), cancellation.Token);
        var sleeper = await WaitForPidAsync(pidFile);

        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));

        Assert.Same(run, ended);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.Elapsed}");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(await StillAliveAfterASecondAsync(sleeper), "the gate's child outlived the cancellation");
    }

    private static async Task<int> WaitForPidAsync(string pidFile)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the command never started");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<bool> StillAliveAfterASecondAsync(int pid)
    {
        // A killed process is gone once the kernel delivered the signal and its parent (or init) reaped it.
        var clock = Stopwatch.StartNew();
        while (Alive(pid) && clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return Alive(pid);
    }

    private static bool Alive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
}
