using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Slipway.Diagnostics;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// Signs with an ephemeral ECDSA P-256 key that exists only in this process, certified by Fulcio for the CI's OIDC
/// identity; every envelope it signs is logged in Rekor (and timestamped by the TSA when one is configured) before it is
/// stored. The certificate is obtained when the signer is created, so a refused token fails before anything is pushed.
/// </summary>
public sealed class KeylessSigner : ISigner
{
    private readonly ECDsa _key;
    private readonly HttpClient _http;
    private readonly RekorClient _rekor;
    private readonly TimestampClient? _timestamps;
    private readonly X509Certificate2 _leaf;

    private KeylessSigner(ECDsa key, HttpClient http, X509Certificate2 leaf, RekorClient rekor, TimestampClient? timestamps)
    {
        _key = key;
        _http = http;
        _leaf = leaf;
        _rekor = rekor;
        _timestamps = timestamps;
        Identity = SubjectAlternativeName(leaf);
        Description = $"keyless certificate for {Identity}";
    }

    public string Description { get; }

    /// <summary>The certificate's SAN: for GitHub Actions the URI of the workflow file that ran.</summary>
    public string Identity { get; }

    public string? PublicKeyHint => null;

    /// <summary>The Fulcio leaf certificate, DER.</summary>
    public byte[] Certificate => _leaf.RawData;

    public static async Task<KeylessSigner> CreateAsync(
        SigstoreServices services,
        IEnvironment environment,
        SecretRedactor redactor,
        TimeProvider time,
        HttpMessageHandler? handler = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(60);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var token = await new IdTokenSource(environment, http, redactor, time).GetAsync(services.IdTokenVariable, cancellationToken);
            var chain = await new FulcioClient(http, services.Fulcio, redactor).SigningCertificateAsync(token, key, cancellationToken);
            using var certified = chain[0].GetECDsaPublicKey();
            if (certified is null || !certified.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                throw SigningErrors.SigstoreAnswerInvalid(services.Fulcio, "the certificate does not certify the key that asked for it");
            }

            foreach (var other in chain.Skip(1))
            {
                other.Dispose();
            }

            var timestamps = services.Timestamp is { } tsa ? new TimestampClient(http, tsa, redactor) : null;
            return new KeylessSigner(key, http, chain[0], new RekorClient(http, services.Rekor, redactor), timestamps);
        }
        catch
        {
            key.Dispose();
            http.Dispose();
            throw;
        }
    }

    public SignerOutput Sign(ReadOnlySpan<byte> data) =>
        new(_key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), _leaf.ExportCertificatePem());

    public bool IsOwnSignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>Logs <paramref name="envelope"/> in Rekor and, with a TSA, timestamps its signature.</summary>
    public async Task<(TlogEntry Entry, byte[]? Timestamp)> WitnessAsync(DsseEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var entry = await _rekor.LogDsseAsync(envelope.ToJson(), _leaf.ExportCertificatePem(), cancellationToken);
        var timestamp = _timestamps is null ? null : await _timestamps.TimestampAsync(envelope.Signatures[0].Signature, cancellationToken);
        return (entry, timestamp);
    }

    public void Dispose()
    {
        _key.Dispose();
        _leaf.Dispose();
        _http.Dispose();
    }

    // GeneralNames (RFC 5280 4.2.1.6): Fulcio writes a URI [6] for workflow identities, an rfc822Name [1] for e-mail ones.
    internal static string SubjectAlternativeName(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (extension is null)
        {
            return "?";
        }

        try
        {
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 6 or 1)
                {
                    return names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                }

                names.ReadEncodedValue();
            }
        }
        catch (AsnContentException)
        {
        }

        return "?";
    }
}
