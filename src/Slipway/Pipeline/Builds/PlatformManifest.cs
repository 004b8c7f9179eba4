using System.Text.Json.Nodes;
using Slipway.Oci;

namespace Slipway.Pipeline.Builds;

/// <summary>
/// A platform's image manifest as the build found it in its layout: the platform (<c>os/arch[/variant]</c> as the
/// layout states it), and the manifest's digest, size and media type, which the index push-prerelease writes names.
/// </summary>
public sealed record PlatformManifest(string Platform, string Digest, long Size, string MediaType, string? OsVersion = null)
{
    public static PlatformManifest From(Descriptor manifest, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(platform);
        return new PlatformManifest(platform.ToString(), manifest.Digest.ToString(), manifest.Size, manifest.MediaType, platform.OsVersion);
    }

    /// <summary>The index entry for this manifest; the platform was checked when the build recorded it.</summary>
    public Descriptor ToDescriptor()
    {
        var parts = Platform.Split('/');
        var platform = new Platform(parts[0], parts[1], parts.Length > 2 ? parts[2] : null, OsVersion);
        return new Descriptor(MediaType, Oci.Digest.Parse(Digest), Size, platform);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["platform"] = Platform, ["digest"] = Digest, ["size"] = Size, ["mediaType"] = MediaType };
        if (OsVersion is not null)
        {
            json["osVersion"] = OsVersion;
        }

        return json;
    }

    public static PlatformManifest FromJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new PlatformManifest(
            node["platform"]!.GetValue<string>(),
            node["digest"]!.GetValue<string>(),
            node["size"]!.GetValue<long>(),
            node["mediaType"]!.GetValue<string>(),
            node["osVersion"]?.GetValue<string>());
    }
}
