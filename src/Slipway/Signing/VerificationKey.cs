using System.Security.Cryptography;

namespace Slipway.Signing;

/// <summary>An ECDSA P-256 public key that checks signatures (ASN.1 DER, as cosign writes them).</summary>
public sealed class VerificationKey : IDisposable
{
    private readonly ECDsa _key;

    private VerificationKey(ECDsa key, string source)
    {
        _key = key;
        Source = source;
    }

    public string Source { get; }

    /// <summary>The SubjectPublicKeyInfo PEM (<c>PUBLIC KEY</c>), what <c>slipway key generate</c> writes to <c>PREFIX.pub</c>.</summary>
    public string ToPem() => _key.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary>
    /// How a Sigstore bundle names this key (<c>verificationMaterial.publicKey.hint</c>): the base64 SHA-256 of the
    /// DER SubjectPublicKeyInfo, as cosign writes it.
    /// </summary>
    public string Hint => Convert.ToBase64String(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()));

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, DSASignatureFormat format = DSASignatureFormat.Rfc3279DerSequence)
    {
        try
        {
            return _key.VerifyData(data, signature, HashAlgorithmName.SHA256, format);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();

    internal static VerificationKey FromPublicParameters(ECParameters parameters, string source)
    {
        parameters.D = null;
        return new VerificationKey(ECDsa.Create(parameters), source);
    }

    internal static VerificationKey FromEcdsa(ECDsa key, string source) => new(key, source);
}
