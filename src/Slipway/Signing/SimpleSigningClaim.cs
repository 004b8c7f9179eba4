namespace Slipway.Signing;

/// <summary>What a simple signing payload claims: this repository's image has this manifest digest.</summary>
public sealed record SimpleSigningClaim(string DockerReference, string Digest);
