using System.Text.Json;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// A Sigstore bundle v0.3 holding a DSSE envelope (sigstore/protobuf-specs protos/sigstore_bundle.proto, written in
/// protobuf-JSON field names). A key-signed bundle names its key by <see cref="PublicKeyHint"/>, the base64 SHA-256
/// of the PKIX public key as cosign writes it; a keyless one carries the signing <see cref="Certificate"/> (DER).
/// </summary>
public sealed record SigstoreBundle(
    DsseEnvelope Envelope, string? PublicKeyHint, byte[]? Certificate, TlogEntry? Tlog = null, byte[]? Timestamp = null)
{
    public const string MediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>Bundles are small (an SBOM statement is the largest thing one carries, in base64).</summary>
    public const long MaxSize = 96L * 1024 * 1024;

    public byte[] ToJson()
    {
        return SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("mediaType", MediaType);
            writer.WriteStartObject("verificationMaterial");
            if (Certificate is not null)
            {
                writer.WriteStartObject("certificate");
                writer.WriteString("rawBytes", Convert.ToBase64String(Certificate));
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("publicKey");
                writer.WriteString("hint", PublicKeyHint ?? string.Empty);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("tlogEntries");
            if (Tlog is not null)
            {
                WriteTlogEntry(writer, Tlog);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("timestampVerificationData");
            if (Timestamp is not null)
            {
                writer.WriteStartArray("rfc3161Timestamps");
                writer.WriteStartObject();
                writer.WriteString("signedTimestamp", Convert.ToBase64String(Timestamp));
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("dsseEnvelope");
            writer.WriteString("payload", Convert.ToBase64String(Envelope.Payload));
            writer.WriteString("payloadType", Envelope.PayloadType);
            writer.WriteStartArray("signatures");
            foreach (var signature in Envelope.Signatures)
            {
                writer.WriteStartObject();
                writer.WriteString("sig", Convert.ToBase64String(signature.Signature));
                if (signature.KeyId.Length > 0)
                {
                    writer.WriteString("keyid", signature.KeyId);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    // protobuf-JSON writes int64 fields as strings and bytes as base64.
    private static void WriteTlogEntry(Utf8JsonWriter writer, TlogEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("logIndex", entry.LogIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteStartObject("logId");
        writer.WriteString("keyId", Convert.ToBase64String(entry.LogId));
        writer.WriteEndObject();
        writer.WriteStartObject("kindVersion");
        writer.WriteString("kind", entry.Kind);
        writer.WriteString("version", entry.Version);
        writer.WriteEndObject();
        writer.WriteString("integratedTime", entry.IntegratedTime.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteStartObject("inclusionPromise");
        writer.WriteString("signedEntryTimestamp", Convert.ToBase64String(entry.SignedEntryTimestamp));
        writer.WriteEndObject();
        writer.WriteStartObject("inclusionProof");
        writer.WriteString("logIndex", entry.Proof.LogIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("rootHash", Convert.ToBase64String(entry.Proof.RootHash));
        writer.WriteString("treeSize", entry.Proof.TreeSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteStartArray("hashes");
        foreach (var hash in entry.Proof.Hashes)
        {
            writer.WriteStringValue(Convert.ToBase64String(hash));
        }

        writer.WriteEndArray();
        writer.WriteStartObject("checkpoint");
        writer.WriteString("envelope", entry.Proof.Checkpoint);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString("canonicalizedBody", Convert.ToBase64String(entry.CanonicalizedBody));
        writer.WriteEndObject();
    }

    /// <summary>Reads a v0.3 bundle that holds a DSSE envelope; anything else is refused with a reason.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out SigstoreBundle? bundle, out string error)
    {
        bundle = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var mediaType = root.GetProperty("mediaType").GetString();
            if (mediaType != MediaType)
            {
                error = $"the bundle's media type is '{mediaType}', not {MediaType}";
                return false;
            }

            if (!root.TryGetProperty("dsseEnvelope", out var dsse))
            {
                error = "the bundle holds no DSSE envelope";
                return false;
            }

            if (!DsseEnvelope.TryParse(System.Text.Encoding.UTF8.GetBytes(dsse.GetRawText()), out var envelope, out error))
            {
                return false;
            }

            var material = root.GetProperty("verificationMaterial");
            string? hint = null;
            byte[]? certificate = null;
            if (material.TryGetProperty("publicKey", out var key))
            {
                hint = key.GetProperty("hint").GetString();
            }
            else if (material.TryGetProperty("certificate", out var cert))
            {
                certificate = Convert.FromBase64String(cert.GetProperty("rawBytes").GetString() ?? string.Empty);
            }
            else
            {
                error = "the bundle's verification material names neither a public key nor a certificate";
                return false;
            }

            var tlog = material.TryGetProperty("tlogEntries", out var entries) && entries.GetArrayLength() > 0
                ? ReadTlogEntry(entries[0])
                : null;
            byte[]? timestamp = null;
            if (material.TryGetProperty("timestampVerificationData", out var data)
                && data.TryGetProperty("rfc3161Timestamps", out var stamps) && stamps.GetArrayLength() > 0)
            {
                timestamp = Convert.FromBase64String(stamps[0].GetProperty("signedTimestamp").GetString() ?? string.Empty);
            }

            bundle = new SigstoreBundle(envelope!, hint, certificate, tlog, timestamp);
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = $"not a Sigstore bundle: {e.Message}";
            return false;
        }
    }

    private static TlogEntry ReadTlogEntry(JsonElement entry)
    {
        var proof = entry.GetProperty("inclusionProof");
        return new TlogEntry(
            Int64(entry.GetProperty("logIndex")),
            Convert.FromBase64String(entry.GetProperty("logId").GetProperty("keyId").GetString() ?? string.Empty),
            entry.GetProperty("kindVersion").GetProperty("kind").GetString() ?? string.Empty,
            entry.GetProperty("kindVersion").GetProperty("version").GetString() ?? string.Empty,
            Int64(entry.GetProperty("integratedTime")),
            Convert.FromBase64String(entry.GetProperty("inclusionPromise").GetProperty("signedEntryTimestamp").GetString() ?? string.Empty),
            Convert.FromBase64String(entry.GetProperty("canonicalizedBody").GetString() ?? string.Empty),
            new InclusionProof(
                Int64(proof.GetProperty("logIndex")),
                Int64(proof.GetProperty("treeSize")),
                Convert.FromBase64String(proof.GetProperty("rootHash").GetString() ?? string.Empty),
                [.. proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString() ?? string.Empty))],
                proof.GetProperty("checkpoint").GetProperty("envelope").GetString() ?? string.Empty));
    }

    // protobuf-JSON int64: a string, though a number is accepted too.
    private static long Int64(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetInt64()
        : long.Parse(value.GetString() ?? string.Empty, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}
