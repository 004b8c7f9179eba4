namespace Slipway.Changelog;

/// <summary>
/// A section of the release (empty name for the unnamed one) and its categories, in the configured type order.
/// <paramref name="ListedCategories"/> is the order towncrier's template sees in <c>sections[section]</c>: each
/// category where its first fragment was listed.
/// </summary>
public sealed record ReleaseSection(string Name, IReadOnlyList<ReleaseCategory> Categories, IReadOnlyList<string> ListedCategories);
