namespace Slipway.Changelog;

/// <summary>What a release title shows: the project name (may be empty), the version and the date.</summary>
public sealed record VersionData(string Name, string Version, string Date);
