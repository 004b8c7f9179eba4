using System.Diagnostics;
using Slipway.Diagnostics;

namespace Slipway.Gates;

/// <summary>
/// Runs a configured command through <c>/bin/sh -c</c> from a directory, writing its stdout and stderr line by line,
/// with secrets masked, to a log file that is kept. Cancellation kills the whole process tree.
/// </summary>
public static class ShellCommand
{
    public static async Task<ShellResult> RunAsync(
        string command,
        string workingDirectory,
        string logPath,
        IReadOnlyDictionary<string, string> environment,
        SecretRedactor redactor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var tail = new Queue<string>();
        var gate = new Lock();
        // Flushed line by line: someone tailing the log of a long gate sees it as it runs.
        await using var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            var masked = redactor.Redact(line);
            lock (gate)
            {
                log.WriteLine(masked);
                tail.Enqueue(masked);
                if (tail.Count > 20)
                {
                    tail.Dequeue();
                }
            }
        }

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // The parameterless wait drains the asynchronous output readers.
        process.WaitForExit();
        lock (gate)
        {
            log.Flush();
            return new ShellResult(process.ExitCode, clock.Elapsed, [.. tail]);
        }
    }
}
