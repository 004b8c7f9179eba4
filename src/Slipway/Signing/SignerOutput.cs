namespace Slipway.Signing;

/// <summary>
/// A signature and, for keyless signers, what proves the signer's identity (stored by cosign in the
/// <c>dev.sigstore.cosign/certificate</c>, <c>/chain</c> and <c>/bundle</c> annotations). A key signer leaves them null.
/// </summary>
public sealed record SignerOutput(byte[] Signature, string? Certificate = null, string? CertificateChain = null, string? Bundle = null);
