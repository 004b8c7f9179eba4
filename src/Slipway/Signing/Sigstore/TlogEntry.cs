namespace Slipway.Signing.Sigstore;

/// <summary>
/// A Rekor v1 entry as a bundle carries it: the canonical body Rekor stored, where and when, the signed entry timestamp
/// (Rekor's promise of inclusion) and the inclusion proof with its checkpoint.
/// </summary>
public sealed record TlogEntry(
    long LogIndex,
    byte[] LogId,
    string Kind,
    string Version,
    long IntegratedTime,
    byte[] SignedEntryTimestamp,
    byte[] CanonicalizedBody,
    InclusionProof Proof);
