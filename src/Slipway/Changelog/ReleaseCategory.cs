namespace Slipway.Changelog;

/// <summary>The entries of one fragment type within a section, in render order, and all their issues (formatted, ordered).</summary>
public sealed record ReleaseCategory(FragmentType Type, IReadOnlyList<ReleaseEntry> Entries, IReadOnlyList<string> Issues);
