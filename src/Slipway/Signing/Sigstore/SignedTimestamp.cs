using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// An RFC 3161 timestamp a bundle carries (verificationMaterial.timestampVerificationData): its message imprint must be
/// the hash of the envelope signature, its CMS signature must verify with a certificate that chains to a timestamp
/// authority of the trusted root valid at the time it states, and that time must be within the signing certificate's
/// validity (the certificate was usable when the signature was stamped).
/// </summary>
public static class SignedTimestamp
{
    private const string TimeStampingOid = "1.3.6.1.5.5.7.3.8";

    /// <summary>Null when the timestamp holds (<paramref name="time"/> is its genTime), else why not.</summary>
    public static string? Check(byte[] token, byte[] signature, X509Certificate2 leaf, TrustedRoot root, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(root);
        time = default;
        if (TokenOf(token) is not { } tokenBytes
            || !Rfc3161TimestampToken.TryDecode(tokenBytes, out var decoded, out var consumed) || consumed != tokenBytes.Length)
        {
            // TryDecode also refuses a token whose embedded signer certificate does not verify its signature.
            return "the RFC 3161 timestamp is not a well-formed token whose signature verifies";
        }

        var info = decoded.TokenInfo;
        time = info.Timestamp;
        var algorithm = info.HashAlgorithmId.Value switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (algorithm == default)
        {
            return $"the timestamp's message imprint uses hash algorithm {info.HashAlgorithmId.Value}, not SHA-2";
        }

        var imprint = algorithm == HashAlgorithmName.SHA256 ? SHA256.HashData(signature)
            : algorithm == HashAlgorithmName.SHA384 ? SHA384.HashData(signature) : SHA512.HashData(signature);
        if (!info.GetMessageHash().Span.SequenceEqual(imprint))
        {
            return "the timestamp's message imprint is not the hash of the envelope signature";
        }

        if (root.TimestampAuthorities.Count == 0)
        {
            return "the trusted root names no timestamp authority";
        }

        var failure = "the timestamp is not signed by a timestamp authority of the trusted root";
        foreach (var authority in root.TimestampAuthorities)
        {
            X509Certificate2? signer = null;
            try
            {
                if (!decoded.VerifySignatureForHash(imprint, algorithm, out signer, new X509Certificate2Collection(authority.Chain.ToArray())) || signer is null)
                {
                    continue;
                }

                if (!authority.ValidAt(time))
                {
                    failure = $"the timestamp authority was not valid at the timestamp's time {time:u}";
                    continue;
                }

                using var chain = authority.BuildChain(signer, time, TimeStampingOid, out var built);
                if (built)
                {
                    return time < leaf.NotBefore.ToUniversalTime() || time > leaf.NotAfter.ToUniversalTime()
                        ? $"the timestamp's time {time:u} is outside the certificate's validity ({leaf.NotBefore.ToUniversalTime():u} to {leaf.NotAfter.ToUniversalTime():u})"
                        : null;
                }

                failure = "the timestamp's signing certificate does not chain to a timestamp authority of the trusted root";
            }
            catch (CryptographicException)
            {
                // A token whose CMS does not verify with this authority's certificates: try the next one.
            }
            finally
            {
                if (signer is not null && !authority.Chain.Any(c => c.RawData.AsSpan().SequenceEqual(signer.RawData)))
                {
                    signer.Dispose();
                }
            }
        }

        return failure;
    }

    /// <summary>
    /// The bundle holds the DER TimeStampResp (protobuf-specs RFC3161SignedTimestamp, RFC 3161 section 2.4.2): the status
    /// must be granted (0) or granted with modifications (1), and its token is the ContentInfo after it. Null when it is not one.
    /// </summary>
    private static byte[]? TokenOf(byte[] response)
    {
        try
        {
            var reader = new AsnReader(response, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var status = sequence.ReadSequence();
            if (reader.HasData || !status.TryReadInt32(out var value) || value is not (0 or 1) || !sequence.HasData)
            {
                return null;
            }

            var token = sequence.ReadEncodedValue().ToArray();
            return sequence.HasData ? null : token;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
