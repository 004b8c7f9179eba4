namespace Slipway.Signing.Sigstore;

/// <summary>An RFC 6962 inclusion proof of one log entry, with the signed checkpoint (a note) of the tree it proves against.</summary>
public sealed record InclusionProof(long LogIndex, long TreeSize, byte[] RootHash, IReadOnlyList<byte[]> Hashes, string Checkpoint);
