using System.Text.Json;
using Slipway.Oci;

namespace Slipway.Cli.Commands;

/// <summary>JSON shapes shared by the image commands.</summary>
internal static class ImageJson
{
    public static void WritePlatforms(Utf8JsonWriter writer, string name, IEnumerable<Platform> platforms)
    {
        writer.WriteStartArray(name);
        foreach (var platform in platforms)
        {
            writer.WriteStartObject();
            WritePlatformFields(writer, platform);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WritePlatformFields(Utf8JsonWriter writer, Platform platform)
    {
        writer.WriteString("os", platform.Os);
        writer.WriteString("architecture", platform.Architecture);
        if (platform.Variant is null)
        {
            writer.WriteNull("variant");
        }
        else
        {
            writer.WriteString("variant", platform.Variant);
        }
    }

    public static void WriteNullableDigest(Utf8JsonWriter writer, string name, Digest? digest)
    {
        if (digest is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, digest.ToString());
        }
    }
}
