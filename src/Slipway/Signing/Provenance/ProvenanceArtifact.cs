namespace Slipway.Signing.Provenance;

/// <summary>A file the build left, as a provenance byproduct: its path in the repository and its SHA-256 (hex).</summary>
public sealed record ProvenanceArtifact(string Name, string Sha256);
