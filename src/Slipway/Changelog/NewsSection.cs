namespace Slipway.Changelog;

/// <summary>A component of a monorepo: its heading (empty for the unnamed one) and its folder below the fragments directory.</summary>
public sealed record NewsSection(string Name, string Path);
