using System.Diagnostics;
using System.Globalization;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// The built slipway as a background process, for Ctrl+C tests: waits until a step has visibly started, sends SIGINT,
/// and kills the process tree on dispose if the test fails before it exits.
/// </summary>
internal sealed class InterruptibleSlipway : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    public InterruptibleSlipway(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Slipway.Cli.SlipwayApp).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _output = _process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _error = _process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public async Task WaitUntilAsync(Func<bool> started, string what)
    {
        while (!started())
        {
            Assert.True(Clock.Elapsed < TimeSpan.FromSeconds(30), $"{what} never started");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>How long the process took to exit after the last signal.</summary>
    public TimeSpan ExitDelay { get; private set; }

    /// <summary>Sends SIGINT (Ctrl+C, or the signal named), waits for the exit, and returns the exit code with the output.</summary>
    public async Task<(int ExitCode, string Text)> InterruptAsync(string signal = "INT")
    {
        var sent = Stopwatch.StartNew();
        ProcessRunner.Run("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]).EnsureSuccess($"kill -{signal}");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(bound.Token);
        ExitDelay = sent.Elapsed;
        return (_process.ExitCode, $"{_process.ExitCode}\n{await _output}\n{await _error}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
