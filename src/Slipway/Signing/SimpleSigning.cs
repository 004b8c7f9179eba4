using System.Text.Json;

namespace Slipway.Signing;

/// <summary>
/// cosign's "simple signing" payload (sigstore/cosign specs/SIGNATURE_SPEC.md): what a signature claims, namely that
/// the image in <c>docker-reference</c> has the manifest digest <c>docker-manifest-digest</c>.
/// </summary>
public static class SimpleSigning
{
    public const string MediaType = "application/vnd.dev.cosign.simplesigning.v1+json";
    public const string ClaimType = "cosign container image signature";

    /// <summary>The payload, in the key order cosign writes (Go's encoding/json sorts nothing; the order is the struct's).</summary>
    public static byte[] Create(string repository, string digest, IReadOnlyDictionary<string, string>? optional = null)
    {
        return SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("critical");
            writer.WriteStartObject("identity");
            writer.WriteString("docker-reference", repository);
            writer.WriteEndObject();
            writer.WriteStartObject("image");
            writer.WriteString("docker-manifest-digest", digest);
            writer.WriteEndObject();
            writer.WriteString("type", ClaimType);
            writer.WriteEndObject();
            if (optional is null || optional.Count == 0)
            {
                writer.WriteNull("optional");
            }
            else
            {
                writer.WriteStartObject("optional");
                foreach (var (name, value) in optional.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>Reads the claim of a payload: the reference and digest it names.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out SimpleSigningClaim? claim, out string error)
    {
        claim = null;
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var critical = document.RootElement.GetProperty("critical");
            var type = critical.GetProperty("type").GetString();
            if (type != ClaimType)
            {
                error = $"the payload's type is '{type}', not '{ClaimType}'";
                return false;
            }

            var reference = critical.GetProperty("identity").GetProperty("docker-reference").GetString() ?? string.Empty;
            var digest = critical.GetProperty("image").GetProperty("docker-manifest-digest").GetString() ?? string.Empty;
            claim = new SimpleSigningClaim(reference, digest);
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            error = $"the payload is not a simple signing document: {e.Message}";
            return false;
        }
    }
}
