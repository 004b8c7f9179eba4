using System.Diagnostics;
using System.Text;

namespace Slipway.Signing;

/// <summary>
/// Runs the configured <c>[sbom] command</c> for one platform manifest and returns its stdout. <c>{image}</c>,
/// <c>{digest}</c> and <c>{platform}</c> are substituted shell-quoted, so a value can never become shell syntax.
/// </summary>
public static class SbomCommand
{
    public static string Expand(string template, SbomTarget target)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(target);
        return template
            .Replace("{image}", Quote(target.Image.Name), StringComparison.Ordinal)
            .Replace("{digest}", Quote(target.Digest.ToString()), StringComparison.Ordinal)
            .Replace("{platform}", Quote(target.PlatformText), StringComparison.Ordinal);
    }

    public static async Task<byte[]> RunAsync(string template, SbomTarget target, string workingDirectory, CancellationToken cancellationToken = default)
    {
        var command = Expand(template, target);
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(OperatingSystem.IsWindows() ? "/c" : "-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start) ?? throw SigningErrors.SbomCommandFailed(template, -1, "could not start the shell");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.WhenAll(copy, error);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var firstLine = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
            throw SigningErrors.SbomCommandFailed(template, process.ExitCode, firstLine);
        }

        return output.ToArray();
    }

    private static string Quote(string value)
    {
        if (OperatingSystem.IsWindows())
        {
            return "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        }

        var builder = new StringBuilder("'");
        builder.Append(value.Replace("'", "'\\''", StringComparison.Ordinal));
        return builder.Append('\'').ToString();
    }
}
