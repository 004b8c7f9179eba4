namespace Slipway.Packages;

/// <summary>A file the build produced and journaled, bound for a registry: its full path, name, SHA-256 (hex) and size.</summary>
public sealed record PackageFile(string Path, string FileName, string Sha256, long Length);
