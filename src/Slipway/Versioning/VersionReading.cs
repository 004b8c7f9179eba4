namespace Slipway.Versioning;

/// <summary>A version and where it was read from (<c>VERSION</c>, <c>package.json</c>, <c>tag v1.2.3</c>).</summary>
public sealed record VersionReading(ProjectVersion Version, string Source);
