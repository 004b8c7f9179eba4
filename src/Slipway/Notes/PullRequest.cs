namespace Slipway.Notes;

/// <summary>A merged pull request as the release saw it: its number, title, body (cut at <see cref="BodyCap"/>) and commit.</summary>
public sealed record PullRequest(int Number, string Title, string Body, string Commit)
{
    /// <summary>A PR body is the author's free text; beyond this it is cut (the narrative's input budget is shared).</summary>
    public const int BodyCap = 2000;
}
