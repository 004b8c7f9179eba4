namespace Slipway.Forges.GitHub;

/// <summary>The body of <c>POST /repos/{owner}/{repo}/releases/generate-notes</c>.</summary>
public sealed record GenerateNotesRequest(string TagName)
{
    public string? TargetCommitish { get; init; }

    public string? PreviousTagName { get; init; }
}
