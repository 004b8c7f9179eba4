namespace Slipway.Signing;

/// <summary>A subject of an in-toto statement: an artifact name and its sha256 digest (lowercase hex).</summary>
public sealed record InTotoSubject(string Name, string Sha256);
