using System.Text.Json;

namespace Slipway.Oci;

/// <summary>
/// What Slipway reads from a manifest or index: the descriptors it points at. Parsing never re-serialises: the bytes
/// that are pushed are always the stored bytes (image-spec manifest.md, image-index.md).
/// </summary>
public sealed record ManifestDocument(
    string MediaType,
    Descriptor? Config,
    IReadOnlyList<Descriptor> Layers,
    IReadOnlyList<Descriptor> Manifests,
    Descriptor? Subject,
    string? ArtifactType,
    IReadOnlyDictionary<string, string>? Annotations)
{
    public bool IsIndex => MediaTypes.IsIndex(MediaType);

    /// <summary>The entries of an index that are platforms (what SBOMs, scans, verify and inspect cover): all but attestation manifests.</summary>
    public IEnumerable<Descriptor> PlatformEntries => Manifests.Where(m => !m.IsAttestation);

    /// <summary>The attestation manifests of an index (see <see cref="Descriptor.IsAttestation"/>).</summary>
    public IEnumerable<Descriptor> AttestationEntries => Manifests.Where(m => m.IsAttestation);

    /// <summary>Every blob and child manifest this document references: config and layers, or the index entries.</summary>
    public IEnumerable<Descriptor> References => Config is null ? Layers.Concat(Manifests) : Layers.Prepend(Config).Concat(Manifests);

    public static ManifestDocument Parse(byte[] bytes, string? mediaType, string what)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw OciErrors.InvalidManifest(what, "not a JSON object");
            }

            var declared = root.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var type = mediaType ?? declared;
            if (type is null)
            {
                type = root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest;
            }

            var config = root.TryGetProperty("config", out var c) ? ReadDescriptor(c, what) : null;
            var layers = ReadList(root, "layers", what);
            var manifests = ReadList(root, "manifests", what);
            var subject = root.TryGetProperty("subject", out var s) ? ReadDescriptor(s, what) : null;
            var artifactType = root.TryGetProperty("artifactType", out var a) ? a.GetString() : null;
            var annotations = root.TryGetProperty("annotations", out var an) ? ReadAnnotations(an) : null;
            if (MediaTypes.IsManifest(type) && config is null)
            {
                throw OciErrors.InvalidManifest(what, "an image manifest needs a config descriptor");
            }

            return new ManifestDocument(type, config, layers, manifests, subject, artifactType, annotations);
        }
        catch (JsonException exception)
        {
            throw OciErrors.InvalidManifest(what, exception.Message);
        }
        catch (InvalidOperationException exception)
        {
            throw OciErrors.InvalidManifest(what, exception.Message);
        }
    }

    internal static Descriptor ReadDescriptor(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw OciErrors.InvalidManifest(what, "a descriptor is not an object");
        }

        var mediaType = element.TryGetProperty("mediaType", out var m) ? m.GetString() : null;
        var digestText = element.TryGetProperty("digest", out var d) ? d.GetString() : null;
        if (!Digest.TryParse(digestText, out var digest, out var error))
        {
            throw OciErrors.InvalidManifest(what, $"descriptor digest '{digestText}' {error}");
        }

        var size = element.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var parsed) ? parsed : -1;
        if (size < 0)
        {
            throw OciErrors.InvalidManifest(what, $"descriptor {digest} has no valid size");
        }

        Platform? platform = null;
        if (element.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            platform = new Platform(
                p.TryGetProperty("os", out var os) ? os.GetString() ?? string.Empty : string.Empty,
                p.TryGetProperty("architecture", out var arch) ? arch.GetString() ?? string.Empty : string.Empty,
                p.TryGetProperty("variant", out var variant) ? variant.GetString() : null,
                p.TryGetProperty("os.version", out var osVersion) ? osVersion.GetString() : null);
        }

        var annotations = element.TryGetProperty("annotations", out var a) ? ReadAnnotations(a) : null;
        var artifactType = element.TryGetProperty("artifactType", out var at) ? at.GetString() : null;
        return new Descriptor(mediaType ?? string.Empty, digest, size, platform, annotations, artifactType);
    }

    private static List<Descriptor> ReadList(JsonElement root, string name, string what)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw OciErrors.InvalidManifest(what, $"'{name}' is not an array");
        }

        return [.. array.EnumerateArray().Select(e => ReadDescriptor(e, what))];
    }

    private static Dictionary<string, string>? ReadAnnotations(JsonElement element) =>
        element.ValueKind != JsonValueKind.Object
            ? null
            : element.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
}
