using System.Diagnostics;
using Slipway.Diagnostics;

namespace Slipway.Gates;

/// <summary>
/// Runs a command line through the shell from a directory and returns its stdout bytes (an SBOM, a scanner's report);
/// a non-zero exit becomes the caller's error, given the exit code and the first line of stderr. Cancellation kills
/// the whole process tree.
/// </summary>
public static class CapturedCommand
{
    public static Task<byte[]> RunAsync(
        string command, string workingDirectory, Func<int, string, SlipwayException> failed, CancellationToken cancellationToken = default) =>
        RunAsync(new PreparedCommand(command, new Dictionary<string, string>()), workingDirectory, failed, cancellationToken);

    public static async Task<byte[]> RunAsync(
        PreparedCommand command, string workingDirectory, Func<int, string, SlipwayException> failed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(failed);
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(OperatingSystem.IsWindows() ? "/c" : "-c");
        start.ArgumentList.Add(command.Text);
        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw failed(-1, "could not start the shell");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await Task.WhenAll(copy, error);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the scanner or SBOM tool must not outlive the run.
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var firstLine = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
            throw failed(process.ExitCode, firstLine);
        }

        return output.ToArray();
    }
}
