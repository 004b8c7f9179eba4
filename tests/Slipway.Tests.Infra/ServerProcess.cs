using System.Diagnostics;
using System.Text;
using Slipway.Tests.Infra.Registry;

namespace Slipway.Tests.Infra;

/// <summary>
/// A local server a fixture starts (docker-registry, Verdaccio): its stdout and stderr kept as one log, waited on
/// until it answers, and ended by its own process when disposed.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly string _name;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServerProcess(string name, Process process)
    {
        _name = name;
        _process = process;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="start"/> with its output redirected into <see cref="Log"/>.</summary>
    public static ServerProcess Start(string name, ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        var server = new ServerProcess(name, process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Polls <paramref name="url"/> until <paramref name="ready"/> holds for an answer; a server that exits first is
    /// <see cref="RegistryExitedException"/> (a fixture may retry on another port), one that never answers a timeout.
    /// </summary>
    public async Task WaitUntilAnsweringAsync(Uri url, Func<HttpResponseMessage, bool> ready, TimeSpan within, TimeSpan every)
    {
        ArgumentNullException.ThrowIfNull(ready);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new RegistryExitedException($"{_name} exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (ready(response))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(every);
        }

        throw new TimeoutException($"{_name} did not answer on {url} within {within.TotalSeconds:0} s:\n{Log}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Append(line).Append('\n');
        }
    }
}
