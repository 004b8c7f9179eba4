namespace Slipway.Packages;

/// <summary>The name and version a package file declares (wheel METADATA, package.json, nuspec).</summary>
public sealed record PackageIdentity(string Name, string Version);
