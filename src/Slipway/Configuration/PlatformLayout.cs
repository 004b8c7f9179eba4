namespace Slipway.Configuration;

/// <summary>One entry of <c>[[image]] layouts</c>: the OCI layout a build on one platform leaves (relative to the repository root).</summary>
public sealed record PlatformLayout(string Platform, string Path);
