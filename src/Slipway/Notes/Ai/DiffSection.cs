namespace Slipway.Notes.Ai;

/// <summary>
/// The diff part of the narrative's input, within its budget: the stat header, the patches it kept (in order), the
/// files it left out as binary or noise, and the patches dropped whole because they would have overflowed the budget.
/// </summary>
public sealed record DiffSection(
    string Text,
    IReadOnlyList<string> Included,
    IReadOnlyList<string> Binary,
    IReadOnlyList<string> Noise,
    IReadOnlyList<string> Dropped);
