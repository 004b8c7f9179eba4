namespace Slipway.Changelog;

/// <summary>Everything towncrier passes to its template.</summary>
public sealed record ReleaseModel(
    IReadOnlyList<ReleaseSection> Sections,
    IReadOnlyList<FragmentType> Definitions,
    VersionData VersionData,
    bool RenderTitle,
    string TopUnderline,
    IReadOnlyList<string> Underlines);
