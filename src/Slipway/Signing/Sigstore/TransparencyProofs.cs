using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// The log proofs a keyless bundle carries: the RFC 6962 Merkle audit path to the checkpoint's root, the checkpoint
/// (a signed note), Rekor's signed entry timestamp, and the certificate's embedded SCT (RFC 6962 section 3.2). Each
/// returns null when it holds, else why not.
/// </summary>
public static class TransparencyProofs
{
    public const string SctListOid = "1.3.6.1.4.1.11129.2.4.2";

    public static string? CheckInclusion(TlogEntry entry, TrustedLog log)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(log);
        var proof = entry.Proof;
        var leaf = SHA256.HashData([0x00, .. entry.CanonicalizedBody]);
        return CheckAuditPath(leaf, proof.LogIndex, proof.TreeSize, proof.Hashes, proof.RootHash) ?? CheckCheckpoint(proof, log);
    }

    /// <summary>
    /// RFC 9162 section 2.1.3.2 (the RFC 6962 audit path): the root computed from the leaf hash at <paramref name="index"/>
    /// in a tree of <paramref name="size"/> and the sibling hashes must be <paramref name="root"/>, with no hash left over.
    /// </summary>
    public static string? CheckAuditPath(byte[] leafHash, long index, long size, IReadOnlyList<byte[]> path, byte[] root)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        if (index < 0 || size <= index)
        {
            return $"the proof's index {index} is outside a tree of {size}";
        }

        if (path.Any(h => h.Length != SHA256.HashSizeInBytes))
        {
            return "the audit path holds a hash that is not 32 bytes";
        }

        var hash = leafHash;
        var last = size - 1;
        foreach (var sibling in path)
        {
            if (last == 0)
            {
                return "the audit path is longer than the tree";
            }

            if ((index & 1) == 1 || index == last)
            {
                hash = SHA256.HashData([0x01, .. sibling, .. hash]);
                while ((index & 1) == 0 && index != 0)
                {
                    index >>= 1;
                    last >>= 1;
                }
            }
            else
            {
                hash = SHA256.HashData([0x01, .. hash, .. sibling]);
            }

            index >>= 1;
            last >>= 1;
        }

        if (last != 0)
        {
            return "the audit path is shorter than the tree";
        }

        return hash.AsSpan().SequenceEqual(root) ? null : "the audit path does not lead from the entry to the proof's root hash";
    }

    private static string? CheckCheckpoint(InclusionProof proof, TrustedLog log)
    {
        var split = proof.Checkpoint.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return "the checkpoint is not a signed note";
        }

        var body = proof.Checkpoint[..(split + 1)];
        var lines = body.Split('\n');
        if (lines.Length < 3
            || lines[1] != proof.TreeSize.ToString(CultureInfo.InvariantCulture)
            || lines[2] != Convert.ToBase64String(proof.RootHash))
        {
            return "the checkpoint names another tree size or root hash than the proof";
        }

        foreach (var line in proof.Checkpoint[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length != 3 || fields[0] != "\u2014")
            {
                continue;
            }

            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(fields[2]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (signature.Length > 4 && signature.AsSpan(0, 4).SequenceEqual(log.LogId.AsSpan(0, 4))
                && Verify(log.PublicKey, Encoding.UTF8.GetBytes(body), signature.AsSpan(4)))
            {
                return null;
            }
        }

        return "no checkpoint signature verifies with the log's key";
    }

    /// <summary>Rekor's SET: its key's signature over the canonical JSON of body, integratedTime, logID and logIndex.</summary>
    public static string? CheckSignedEntryTimestamp(TlogEntry entry, TrustedLog log)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(log);
        var canonical = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"body\":\"{Convert.ToBase64String(entry.CanonicalizedBody)}\",\"integratedTime\":{entry.IntegratedTime},\"logID\":\"{Convert.ToHexStringLower(entry.LogId)}\",\"logIndex\":{entry.LogIndex}}}");
        return Verify(log.PublicKey, Encoding.UTF8.GetBytes(canonical), entry.SignedEntryTimestamp)
            ? null
            : "the signed entry timestamp does not verify with the log's key";
    }

    /// <summary>The embedded SCTs: one from a trusted CT log must verify over the precertificate (the TBS without the SCT list).</summary>
    public static string? CheckSct(X509Certificate2 leaf, X509Certificate2 issuer, TrustedRoot root, DateTimeOffset signingTime)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(root);
        if (leaf.Extensions[SctListOid] is not { } extension)
        {
            return "the certificate embeds no SCT";
        }

        try
        {
            var list = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadOctetString();
            var precert = PrecertificateTbs(leaf.RawData);
            var issuerKeyHash = SHA256.HashData(issuer.PublicKey.ExportSubjectPublicKeyInfo());
            var total = BinaryPrimitives.ReadUInt16BigEndian(list);
            var rest = list.AsSpan(2, Math.Min(total, list.Length - 2));
            var reason = "no SCT is from a CT log of the trusted root";
            while (rest.Length >= 2)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(rest);
                var sct = rest.Slice(2, length);
                rest = rest[(2 + length)..];
                var logId = sct.Slice(1, 32);
                var timestamp = sct.Slice(33, 8);
                var extensionsLength = BinaryPrimitives.ReadUInt16BigEndian(sct[41..]);
                var extensions = sct.Slice(43, extensionsLength);
                var signatureAt = 43 + extensionsLength + 2;
                var signature = sct.Slice(signatureAt + 2, BinaryPrimitives.ReadUInt16BigEndian(sct[signatureAt..]));
                if (TrustedRoot.Log(root.CtLogs, logId) is not { } log)
                {
                    continue;
                }

                if (!log.ValidAt(signingTime))
                {
                    reason = "the SCT's CT log key was not valid at the signing time";
                    continue;
                }

                var signed = new List<byte> { sct[0], 0x00 };
                signed.AddRange(timestamp);
                signed.AddRange([0x00, 0x01]);
                signed.AddRange(issuerKeyHash);
                signed.AddRange([(byte)(precert.Length >> 16), (byte)(precert.Length >> 8), (byte)precert.Length]);
                signed.AddRange(precert);
                signed.AddRange([(byte)(extensionsLength >> 8), (byte)extensionsLength]);
                signed.AddRange(extensions);
                if (Verify(log.PublicKey, [.. signed], signature))
                {
                    return null;
                }

                reason = "the SCT's signature does not verify with its CT log's key";
            }

            return reason;
        }
        catch (Exception e) when (e is AsnContentException or ArgumentOutOfRangeException or CryptographicException)
        {
            return $"the SCT list is malformed: {e.Message}";
        }
    }

    private static byte[] PrecertificateTbs(byte[] certificate)
    {
        var tbs = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
            while (tbs.HasData)
            {
                if (tbs.PeekTag() != extensionsTag)
                {
                    writer.WriteEncodedValue(tbs.ReadEncodedValue().Span);
                    continue;
                }

                var extensions = tbs.ReadSequence(extensionsTag).ReadSequence();
                using (writer.PushSequence(extensionsTag))
                using (writer.PushSequence())
                {
                    while (extensions.HasData)
                    {
                        var encoded = extensions.ReadEncodedValue();
                        var oid = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
                        if (oid != SctListOid)
                        {
                            writer.WriteEncodedValue(encoded.Span);
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    private static bool Verify(byte[] spki, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(spki, out _);
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
