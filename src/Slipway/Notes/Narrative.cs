namespace Slipway.Notes;

/// <summary>
/// What the narrative writer gave: the accepted text (null when it was dropped, with the warning saying why), the
/// model asked, and the SHA-256 of the prompt sent, journaled so an audit can tell which input produced the text.
/// </summary>
public sealed record Narrative(string? Text, string? Model, string? PromptHash, string? Warning)
{
    public static Narrative Dropped(string? model, string? promptHash, string reason) => new(null, model, promptHash, NotesErrors.NarrativeDropped(reason));
}
