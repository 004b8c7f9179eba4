namespace Slipway.Changelog;

/// <summary>Everything towncrier passes to its template; <paramref name="AllBullets"/> decides its <c>get_indent</c>.</summary>
public sealed record ReleaseModel(
    IReadOnlyList<ReleaseSection> Sections,
    IReadOnlyList<FragmentType> Definitions,
    VersionData VersionData,
    bool RenderTitle,
    string TopUnderline,
    IReadOnlyList<string> Underlines,
    bool AllBullets = true);
