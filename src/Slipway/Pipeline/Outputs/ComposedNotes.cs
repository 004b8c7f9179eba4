using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// What compose-notes journals before the approval: the release body create-release publishes (so a resume publishes
/// the same text), its sections, the previous release it was compared with, whether it was cut to the forge's limit,
/// and the narrative's model and prompt hash (null without <c>[notes.ai]</c> or when the narrative was dropped).
/// </summary>
public sealed record ComposedNotes(
    string Body,
    string? Narrative,
    string? HandWritten,
    string PullRequests,
    string? PreviousTag,
    bool Truncated,
    int Limit,
    string? Model,
    string? PromptHash,
    IReadOnlyList<string> Warnings) : IStepOutput<ComposedNotes>
{
    public static JsonTypeInfo<ComposedNotes> JsonInfo => StepOutputContext.Default.ComposedNotes;
}
