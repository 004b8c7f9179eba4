namespace Slipway.Notes;

/// <summary>What the narrative is written from: the hand-written notes (or none), the pull request list, and the range the diff covers.</summary>
public sealed record NarrativeInput(string ProjectName, string Version, string? HandWritten, PullRequestList PullRequests, ReleaseRange Range);
