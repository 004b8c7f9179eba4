namespace Slipway.Forges;

/// <summary>A run that failed after <see cref="Irreversible"/> made the release public: what the tracking issue tells.</summary>
public sealed record UnfinishedRelease(string Version, string RunId, string FailedStep, string Irreversible, string? Failure)
{
    public string Title => $"Release {Version} did not finish";

    public string ResumeCommand => $"slipway resume {RunId}";

    /// <summary>The issue body (or a later comment): what failed, and the exact command to finish the release.</summary>
    public string Markdown(Func<string, string> redact)
    {
        ArgumentNullException.ThrowIfNull(redact);
        var failure = redact(Failure ?? "(no message)");
        // A fence longer than any backtick run in the message, so the message cannot close it.
        var fence = new string('`', Math.Max(3, LongestBacktickRun(failure) + 1));
        return $"""
            Release {Version} (run `{RunId}`) stopped after `{Irreversible}` made it public: `{FailedStep}` failed, so nothing was rolled back.

            {fence}text
            {failure}
            {fence}

            Fix the cause, then finish the release with:

            ```sh
            {ResumeCommand}
            ```
            """;
    }

    private static int LongestBacktickRun(string text)
    {
        var (longest, run) = (0, 0);
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
