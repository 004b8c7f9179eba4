using System.Formats.Tar;
using System.Security.Cryptography;

namespace Slipway.Oci;

/// <summary>
/// Writes an OCI image layout (image-layout.md): <c>oci-layout</c>, content-addressed <c>blobs/sha256/</c> and
/// <c>index.json</c>, optionally packed into a tar. Used by builds that produce images without Docker, and by the tests.
/// </summary>
public sealed class OciLayoutWriter
{
    private readonly List<Descriptor> _entries = [];

    public OciLayoutWriter(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(Directory, "blobs", "sha256"));
        File.WriteAllText(System.IO.Path.Combine(Directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    public string Directory { get; }

    public Descriptor WriteBlob(ReadOnlySpan<byte> content, string mediaType)
    {
        var digest = Digest.Sha256(content);
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, content.ToArray());
        }

        return new Descriptor(mediaType, digest, content.Length);
    }

    /// <summary>Streams a large blob to disk, hashing on the way, without holding it in memory.</summary>
    public Descriptor WriteBlob(Stream content, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temporary = System.IO.Path.Combine(Directory, "blobs", $".tmp-{Guid.NewGuid():N}");
        long size;
        Digest digest;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        using (var file = File.Create(temporary))
        {
            var buffer = new byte[1024 * 1024];
            int read;
            while ((read = content.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                file.Write(buffer, 0, read);
            }

            size = file.Length;
            digest = Digest.Parse("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()));
        }

        File.Move(temporary, BlobPath(digest), overwrite: true);
        return new Descriptor(mediaType, digest, size);
    }

    /// <summary>Writes a manifest or index blob and returns its descriptor with <paramref name="platform"/>.</summary>
    public Descriptor WriteManifest(byte[] bytes, string mediaType, Platform? platform = null, IReadOnlyDictionary<string, string>? annotations = null) =>
        WriteBlob(bytes, mediaType) with { Platform = platform, Annotations = annotations };

    /// <summary>
    /// One platform image: a config naming the platform and the layers (uncompressed tars, written as given), then its manifest.
    /// Returns the manifest descriptor, carrying the platform, ready for an index.
    /// </summary>
    public Descriptor WriteImage(Platform platform, IEnumerable<byte[]> layers, bool docker = false, IReadOnlyDictionary<string, string>? annotations = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(layers);
        var layerType = docker ? MediaTypes.DockerLayer : MediaTypes.OciLayer;
        var layerDescriptors = layers.Select(layer => WriteBlob(layer, layerType)).ToList();
        var config = WriteBlob(ImageConfig(platform, layerDescriptors), docker ? MediaTypes.DockerConfig : MediaTypes.OciConfig);
        var manifestType = docker ? MediaTypes.DockerManifest : MediaTypes.OciManifest;
        return WriteManifest(OciJson.Manifest(config, layerDescriptors, manifestType, annotations), manifestType, platform);
    }

    /// <summary>Adds an entry to <c>index.json</c>, named by <c>org.opencontainers.image.ref.name</c> when given.</summary>
    public void AddEntry(Descriptor descriptor, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var entry = name is null
            ? descriptor
            : descriptor with
            {
                Annotations = new Dictionary<string, string>(descriptor.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
                {
                    [Descriptor.RefNameAnnotation] = name,
                },
            };
        _entries.Add(entry);
        File.WriteAllBytes(System.IO.Path.Combine(Directory, "index.json"), OciJson.Index(_entries));
    }

    /// <summary>Packs the layout into a tar, entries in a fixed order (oci-layout, index.json, blobs).</summary>
    public void PackTar(string tarPath)
    {
        ArgumentNullException.ThrowIfNull(tarPath);

        // As a layout folder's parents are made, so are a tar's: '--out dist/app.tar' in a fresh checkout.
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(tarPath))!);
        using var output = File.Create(tarPath);
        using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: false);
        tar.WriteEntry(System.IO.Path.Combine(Directory, "oci-layout"), "oci-layout");
        tar.WriteEntry(System.IO.Path.Combine(Directory, "index.json"), "index.json");
        foreach (var blob in System.IO.Directory.EnumerateFiles(System.IO.Path.Combine(Directory, "blobs", "sha256")).Order(StringComparer.Ordinal))
        {
            tar.WriteEntry(blob, "blobs/sha256/" + System.IO.Path.GetFileName(blob));
        }
    }

    /// <summary>An uncompressed tar layer holding <paramref name="files"/> (path to content), in path order.</summary>
    public static byte[] TarLayer(IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, path)
                {
                    DataStream = new MemoryStream(content, writable: false),
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                };
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    public string BlobPath(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var folder = System.IO.Path.Combine(Directory, "blobs", digest.Algorithm);
        System.IO.Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, digest.Hex);
    }

    private static byte[] ImageConfig(Platform platform, IReadOnlyList<Descriptor> layers) =>
        OciJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("architecture", platform.Architecture);
            writer.WriteString("os", platform.Os);
            if (platform.Variant is not null)
            {
                writer.WriteString("variant", platform.Variant);
            }

            writer.WriteStartObject("config");
            writer.WriteEndObject();
            writer.WriteStartObject("rootfs");
            writer.WriteString("type", "layers");
            writer.WriteStartArray("diff_ids");

            // Layers are uncompressed, so each diff id is the layer's own digest.
            foreach (var layer in layers)
            {
                writer.WriteStringValue(layer.Digest.ToString());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
}
