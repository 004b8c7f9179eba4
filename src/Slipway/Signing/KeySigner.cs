using System.Security.Cryptography;

namespace Slipway.Signing;

/// <summary>Signs with an ECDSA P-256 private key the project holds.</summary>
public sealed class KeySigner : ISigner
{
    private readonly ECDsa _key;

    internal KeySigner(ECDsa key, string source)
    {
        _key = key;
        Description = $"key {source}";
        PublicKey = VerificationKey.FromPublicParameters(key.ExportParameters(includePrivateParameters: false), source);
    }

    public string Description { get; }

    public VerificationKey PublicKey { get; }

    public string? PublicKeyHint => PublicKey.Hint;

    public SignerOutput Sign(ReadOnlySpan<byte> data) =>
        new(_key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    public bool IsOwnSignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => PublicKey.Verify(data, signature);

    public void Dispose() => _key.Dispose();
}
