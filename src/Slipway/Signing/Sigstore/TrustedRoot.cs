using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// Sigstore's <c>trusted_root.json</c> (sigstore/protobuf-specs protos/sigstore_trustroot.proto, protobuf-JSON): the
/// Fulcio certificate authorities, the Rekor transparency logs and the CT logs a keyless bundle is checked against, and
/// the timestamp authorities its RFC 3161 timestamps must come from (optional: only a timestamped bundle needs one).
/// Every part a keyless verification needs must be there and decode; anything else is refused with its path.
/// </summary>
public sealed record TrustedRoot(
    IReadOnlyList<TrustedAuthority> CertificateAuthorities,
    IReadOnlyList<TrustedLog> TransparencyLogs,
    IReadOnlyList<TrustedLog> CtLogs,
    IReadOnlyList<TrustedAuthority> TimestampAuthorities)
{
    public const string MediaTypePrefix = "application/vnd.dev.sigstore.trustedroot";

    /// <summary>The public-good root is about 6 KB; a megabyte is not a trusted root.</summary>
    public const int MaxSize = 1024 * 1024;

    /// <summary>How <c>slipway verify</c> names the embedded root (PublicGood/README.md: its source, date and refresh).</summary>
    public const string PublicGoodSource = "the bundled Sigstore public-good root (sigstore/root-signing targets/trusted_root.json, TUF targets v14, 2025-09-22)";

    private const string PublicGoodResource = "Slipway.Signing.Sigstore.PublicGood.trusted_root.json";

    // Rekor v2 logs sign checkpoints with Ed25519, which .NET cannot verify; such a log is kept (its entries then fail
    // their proofs visibly) rather than refusing the whole root. The SPKI is the fixed RFC 8410 prefix and 32 bytes.
    private static readonly byte[] Ed25519SpkiPrefix = Convert.FromHexString("302a300506032b6570032100");

    /// <summary>The embedded public-good root, the default of <c>slipway verify --trusted-root</c>.</summary>
    public static TrustedRoot PublicGood()
    {
        using var stream = typeof(TrustedRoot).Assembly.GetManifestResourceStream(PublicGoodResource)
            ?? throw new InvalidOperationException($"the assembly lacks its embedded resource {PublicGoodResource}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), PublicGoodSource);
    }

    public static TrustedLog? Log(IReadOnlyList<TrustedLog> logs, ReadOnlySpan<byte> logId)
    {
        ArgumentNullException.ThrowIfNull(logs);
        foreach (var log in logs)
        {
            if (log.LogId.AsSpan().SequenceEqual(logId))
            {
                return log;
            }
        }

        return null;
    }

    public static TrustedRoot Parse(ReadOnlySpan<byte> json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw SigningErrors.TrustedRootInvalid(source, $"not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw SigningErrors.TrustedRootInvalid(source, "not a JSON object");
            }

            if (!root.TryGetProperty("mediaType", out var mediaType) || mediaType.ValueKind != JsonValueKind.String
                || !mediaType.GetString()!.StartsWith(MediaTypePrefix, StringComparison.Ordinal))
            {
                throw SigningErrors.TrustedRootInvalid(source, $"mediaType is not {MediaTypePrefix}+json");
            }

            var authorities = Array(root, "certificateAuthorities", source).Select((a, i) => Authority(a, $"certificateAuthorities[{i}]", source)).ToList();
            var tlogs = Array(root, "tlogs", source).Select((l, i) => Log(l, $"tlogs[{i}]", source)).ToList();
            var ctlogs = Array(root, "ctlogs", source).Select((l, i) => Log(l, $"ctlogs[{i}]", source)).ToList();
            var timestampAuthorities = root.TryGetProperty("timestampAuthorities", out var tsas) && tsas.ValueKind == JsonValueKind.Array
                ? tsas.EnumerateArray().Select((a, i) => Authority(a, $"timestampAuthorities[{i}]", source)).ToList()
                : [];
            return new TrustedRoot(authorities, tlogs, ctlogs, timestampAuthorities);
        }
    }

    private static List<JsonElement> Array(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw SigningErrors.TrustedRootInvalid(source, $"it has no {name}, which keyless verification needs");
        }

        return [.. array.EnumerateArray()];
    }

    private static TrustedAuthority Authority(JsonElement element, string path, string source)
    {
        try
        {
            var certificates = element.GetProperty("certChain").GetProperty("certificates").EnumerateArray()
                .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.GetProperty("rawBytes").GetString()!)))
                .ToList();
            if (certificates.Count == 0)
            {
                throw SigningErrors.TrustedRootInvalid(source, $"{path}.certChain has no certificates");
            }

            var (start, end) = ValidFor(element);
            return new TrustedAuthority(certificates, start, end);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or CryptographicException or NullReferenceException)
        {
            throw SigningErrors.TrustedRootInvalid(source, $"{path}: {e.Message}");
        }
    }

    private static TrustedLog Log(JsonElement element, string path, string source)
    {
        try
        {
            var key = element.GetProperty("publicKey");
            var spki = Convert.FromBase64String(key.GetProperty("rawBytes").GetString()!);
            if (key.TryGetProperty("keyDetails", out var details) && details.GetString() == "PKIX_ED25519")
            {
                if (spki.Length != Ed25519SpkiPrefix.Length + 32 || !spki.AsSpan().StartsWith(Ed25519SpkiPrefix))
                {
                    throw SigningErrors.TrustedRootInvalid(source, $"{path}.publicKey is not an Ed25519 public key");
                }
            }
            else
            {
                using var probe = ECDsa.Create();
                probe.ImportSubjectPublicKeyInfo(spki, out _);
            }

            var logId = Convert.FromBase64String(element.GetProperty("logId").GetProperty("keyId").GetString()!);
            var (start, end) = ValidFor(key);
            return new TrustedLog(logId, spki, start, end);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or CryptographicException or NullReferenceException)
        {
            throw SigningErrors.TrustedRootInvalid(source, $"{path}: {e.Message}");
        }
    }

    private static (DateTimeOffset Start, DateTimeOffset? End) ValidFor(JsonElement element)
    {
        if (!element.TryGetProperty("validFor", out var validFor))
        {
            return (DateTimeOffset.MinValue, null);
        }

        var start = validFor.TryGetProperty("start", out var s) ? s.GetDateTimeOffset() : DateTimeOffset.MinValue;
        DateTimeOffset? end = validFor.TryGetProperty("end", out var e) ? e.GetDateTimeOffset() : null;
        return (start, end);
    }
}
