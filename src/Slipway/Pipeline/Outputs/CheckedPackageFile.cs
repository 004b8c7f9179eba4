namespace Slipway.Pipeline.Outputs;

/// <summary>One package file check-packages found fit to publish: its path, the name and version it declares, its SHA-256.</summary>
public sealed record CheckedPackageFile(string Kind, string Path, string Name, string Version, string Sha256, long Size);
