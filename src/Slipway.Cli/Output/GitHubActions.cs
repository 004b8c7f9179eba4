namespace Slipway.Cli;

/// <summary>Workflow commands of GitHub Actions: annotation escaping and the job summary file.</summary>
internal static class GitHubActions
{
    public static bool IsActive(CliHost host) => IsActive(host.Environment);

    public static bool IsActive(Slipway.Diagnostics.IEnvironment environment) => environment.GetVariable("GITHUB_ACTIONS") == "true";

    /// <summary>Masks a secret in the job's log: one <c>::add-mask::</c> per line, since the runner masks line by line.</summary>
    public static void AddMask(TextWriter output, string secret)
    {
        lock (output)
        {
            foreach (var line in secret.Split('\n'))
            {
                var value = line.TrimEnd('\r');
                if (value.Trim().Length > 0)
                {
                    output.Write($"::add-mask::{value}\n");
                }
            }

            output.Flush();
        }
    }

    /// <summary>Escapes a message for <c>::error::</c> (the runner's escaping of %, CR and LF).</summary>
    public static string Escape(string message) =>
        message.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    public static void AppendSummary(CliHost host, string markdown)
    {
        if (host.Environment.GetVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } path)
        {
            File.AppendAllText(path, host.Redactor.Redact(markdown));
        }
    }
}
