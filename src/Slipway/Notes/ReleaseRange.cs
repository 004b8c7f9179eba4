namespace Slipway.Notes;

/// <summary>What a release's notes describe: from <see cref="PreviousTag"/> (null for a first release) to the built commit.</summary>
public sealed record ReleaseRange(string Tag, string Commit, string? PreviousTag);
