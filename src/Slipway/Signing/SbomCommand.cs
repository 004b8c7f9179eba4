using System.Text;
using Slipway.Gates;

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

    public static Task<byte[]> RunAsync(string template, SbomTarget target, string workingDirectory, CancellationToken cancellationToken = default) =>
        CapturedCommand.RunAsync(Expand(template, target), workingDirectory, (exitCode, error) => SigningErrors.SbomCommandFailed(template, exitCode, error), cancellationToken);

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
