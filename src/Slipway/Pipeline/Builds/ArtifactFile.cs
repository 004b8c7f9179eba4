namespace Slipway.Pipeline.Builds;

/// <summary>A file the build left, by its path from the repository root (<c>/</c>-separated), with its SHA-256 and size.</summary>
public sealed record ArtifactFile(string Path, string Sha256, long Size);
