namespace Slipway.Pipeline.Outputs;

/// <summary>A declared build artifact: its configured path, <c>file</c> or <c>directory</c>, and a file's SHA-256.</summary>
public sealed record BuiltArtifact(string Path, string Kind, string? Sha256);
