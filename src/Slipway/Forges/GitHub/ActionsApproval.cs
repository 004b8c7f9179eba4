using System.Text;

namespace Slipway.Forges.GitHub;

/// <summary>
/// What GitHub recorded of an approval given in a GitHub Actions job: the review of the approval environment in this
/// workflow run (login, state, comment, environment), or, for Slipway's own approval, the account the job runs as.
/// </summary>
public sealed record ActionsApproval(long RunId, string Login, string State, string? Comment, string? Environment)
{
    private const int CommentLimit = 500;

    /// <summary>The journal's one-line account of it; the reviewer's comment is untrusted text, kept on one line and capped.</summary>
    public string Detail
    {
        get
        {
            if (Environment is null)
            {
                return $"GitHub Actions run {RunId}: GITHUB_ACTOR is {Login}";
            }

            var text = $"GitHub Actions run {RunId}: environment '{Environment}' {State} by {Login}";
            return Comment is { Length: > 0 } comment ? $"{text}, comment \"{OneLine(comment)}\"" : text;
        }
    }

    private static string OneLine(string text)
    {
        var line = new StringBuilder(Math.Min(text.Length, CommentLimit + 1));
        foreach (var c in text)
        {
            if (line.Length == CommentLimit)
            {
                line.Append('…');
                break;
            }

            line.Append(char.IsControl(c) ? ' ' : c);
        }

        return line.ToString();
    }
}
