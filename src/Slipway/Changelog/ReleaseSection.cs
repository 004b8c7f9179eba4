namespace Slipway.Changelog;

/// <summary>A section of the release (empty name for the unnamed one) and its categories, in the configured type order.</summary>
public sealed record ReleaseSection(string Name, IReadOnlyList<ReleaseCategory> Categories);
