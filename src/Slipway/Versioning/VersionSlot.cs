namespace Slipway.Versioning;

/// <summary>Where a version is written in a file: a byte range and the value there. An MSBuild
/// <c>&lt;VersionPrefix&gt;</c>/<c>&lt;VersionSuffix&gt;</c> pair holds the version in two slots.</summary>
internal sealed record VersionSlot(int Start, int Length, string Value, VersionSlotPart Part);
