using System.Text.Json;

namespace Slipway.Oci;

/// <summary>Writes manifests, indexes and descriptors as compact JSON with a fixed key order, so equal input gives equal digests.</summary>
public static class OciJson
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>An image manifest (manifest.md) of <paramref name="mediaType"/>: OCI or Docker schema 2.</summary>
    public static byte[] Manifest(
        Descriptor config,
        IEnumerable<Descriptor> layers,
        string mediaType = MediaTypes.OciManifest,
        IReadOnlyDictionary<string, string>? annotations = null,
        Descriptor? subject = null,
        string? artifactType = null) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", mediaType);
            if (artifactType is not null)
            {
                writer.WriteString("artifactType", artifactType);
            }

            writer.WritePropertyName("config");
            WriteDescriptor(writer, config);
            writer.WriteStartArray("layers");
            foreach (var layer in layers)
            {
                WriteDescriptor(writer, layer);
            }

            writer.WriteEndArray();
            if (subject is not null)
            {
                writer.WritePropertyName("subject");
                WriteDescriptor(writer, subject);
            }

            WriteAnnotations(writer, annotations);
            writer.WriteEndObject();
        });

    /// <summary>An image index (image-index.md) or a Docker manifest list.</summary>
    public static byte[] Index(
        IEnumerable<Descriptor> manifests, string mediaType = MediaTypes.OciIndex, IReadOnlyDictionary<string, string>? annotations = null) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", mediaType);
            writer.WriteStartArray("manifests");
            foreach (var manifest in manifests)
            {
                WriteDescriptor(writer, manifest);
            }

            writer.WriteEndArray();
            WriteAnnotations(writer, annotations);
            writer.WriteEndObject();
        });

    public static void WriteDescriptor(Utf8JsonWriter writer, Descriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(descriptor);
        writer.WriteStartObject();
        writer.WriteString("mediaType", descriptor.MediaType);
        writer.WriteString("digest", descriptor.Digest.ToString());
        writer.WriteNumber("size", descriptor.Size);
        if (descriptor.ArtifactType is not null)
        {
            writer.WriteString("artifactType", descriptor.ArtifactType);
        }

        WriteAnnotations(writer, descriptor.Annotations);
        if (descriptor.Platform is { } platform)
        {
            writer.WriteStartObject("platform");
            writer.WriteString("architecture", platform.Architecture);
            writer.WriteString("os", platform.Os);
            if (platform.OsVersion is not null)
            {
                writer.WriteString("os.version", platform.OsVersion);
            }

            if (platform.Variant is not null)
            {
                writer.WriteString("variant", platform.Variant);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteAnnotations(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is null || annotations.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("annotations");
        foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
