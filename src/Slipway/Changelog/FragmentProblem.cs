namespace Slipway.Changelog;

/// <summary>A file in the fragments directory that is not a valid fragment name, and why.</summary>
public sealed record FragmentProblem(string File, string Reason, string? UnknownCategory);
