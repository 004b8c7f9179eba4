namespace Slipway.Signing;

/// <summary>
/// Something that signs bytes for a signature or an attestation. <see cref="KeySigner"/> signs with a key the project
/// holds; <see cref="Sigstore.KeylessSigner"/> with an ephemeral key certified by Fulcio, each envelope logged in Rekor.
/// Disposing it drops the key.
/// </summary>
public interface ISigner : IDisposable
{
    /// <summary>What signs, for output: <c>key cosign.key</c>. Never the key itself.</summary>
    string Description { get; }

    /// <summary>The Sigstore bundle's key hint of a signer with a known key; null for a signer certified per signature.</summary>
    string? PublicKeyHint { get; }

    /// <summary>Signs <paramref name="data"/>: ECDSA P-256 over SHA-256, ASN.1 DER.</summary>
    SignerOutput Sign(ReadOnlySpan<byte> data);

    /// <summary>
    /// Whether <paramref name="signature"/> over <paramref name="data"/> is this signer's own. ECDSA signatures differ
    /// every time, so re-signing compares by verifying, not by bytes.
    /// </summary>
    bool IsOwnSignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
