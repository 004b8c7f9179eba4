namespace Slipway.Pipeline.Outputs;

/// <summary>
/// One package file as publish-packages left it: what was published (name, version, file, SHA-256), where (the
/// registry and the version's URL), and whether this run published it or found the same content already there.
/// </summary>
public sealed record PublishedPackage(string Kind, string Path, string Name, string Version, string Sha256, string Registry, string Location, bool Published);
