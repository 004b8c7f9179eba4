namespace Slipway.Notes;

/// <summary>
/// The composed release body and its sections: the narrative (null when disabled or dropped), the hand-written notes,
/// the pull request list, the verify commands; whether the body was cut to the forge's limit; and what the narrative came from.
/// </summary>
public sealed record ReleaseNotes(
    string Body,
    string? Narrative,
    string? HandWritten,
    string PullRequests,
    string? PreviousTag,
    bool Truncated,
    int Limit,
    string? Model,
    string? PromptHash,
    IReadOnlyList<NotesWarning> Warnings,
    string? Verify = null);
