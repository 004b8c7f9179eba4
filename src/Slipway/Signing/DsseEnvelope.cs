using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Slipway.Signing;

/// <summary>
/// A DSSE envelope (secure-systems-lab/dsse envelope.md): a payload, its type, and signatures over the
/// pre-authentication encoding of both (protocol.md), so a signature cannot be replayed as another payload type.
/// </summary>
public sealed record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<DsseSignature> Signatures)
{
    public const string MediaType = "application/vnd.dsse.envelope.v1+json";

    /// <summary>PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths as ASCII decimals.</summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"DSSEv1 {type.Length} {payloadType} {body.Length} "));
        var output = new byte[header.Length + body.Length];
        header.CopyTo(output, 0);
        body.CopyTo(output.AsSpan(header.Length));
        return output;
    }

    public static DsseEnvelope Sign(string payloadType, byte[] payload, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = signer.Sign(Pae(payloadType, payload)).Signature;
        return new DsseEnvelope(payloadType, payload, [new DsseSignature(string.Empty, signature)]);
    }

    public byte[] PreAuthenticationEncoding() => Pae(PayloadType, Payload);

    /// <summary>True when any signature verifies with <paramref name="key"/> over the PAE.</summary>
    public bool IsSignedBy(VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pae = PreAuthenticationEncoding();
        return Signatures.Any(s => key.Verify(pae, s.Signature));
    }

    public bool IsSignedBy(ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var pae = PreAuthenticationEncoding();
        return Signatures.Any(s => signer.IsOwnSignature(pae, s.Signature));
    }

    public byte[] ToJson()
    {
        return SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("payloadType", PayloadType);
            writer.WriteString("payload", Convert.ToBase64String(Payload));
            writer.WriteStartArray("signatures");
            foreach (var signature in Signatures)
            {
                writer.WriteStartObject();
                writer.WriteString("keyid", signature.KeyId);
                writer.WriteString("sig", Convert.ToBase64String(signature.Signature));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public static bool TryParse(ReadOnlySpan<byte> json, out DsseEnvelope? envelope, out string error)
    {
        envelope = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var payloadType = root.GetProperty("payloadType").GetString() ?? string.Empty;
            if (!TryDecodeBase64(root.GetProperty("payload").GetString(), out var payload))
            {
                error = "the envelope's payload is not base64";
                return false;
            }

            var signatures = new List<DsseSignature>();
            foreach (var item in root.GetProperty("signatures").EnumerateArray())
            {
                if (!TryDecodeBase64(item.GetProperty("sig").GetString(), out var sig))
                {
                    error = "a signature in the envelope is not base64";
                    return false;
                }

                var keyId = item.TryGetProperty("keyid", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty;
                signatures.Add(new DsseSignature(keyId, sig));
            }

            envelope = new DsseEnvelope(payloadType, payload, signatures);
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            error = $"not a DSSE envelope: {e.Message}";
            return false;
        }
    }

    /// <summary>DSSE verifiers must accept both standard and URL-safe base64 (protocol.md).</summary>
    private static bool TryDecodeBase64(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        try
        {
            bytes = Convert.FromBase64String(standard);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
