using System.Text.Json;

namespace Slipway.Oci;

/// <summary>
/// An OCI image layout (image-layout.md) read from a folder or from an uncompressed tar of one — what
/// <c>docker buildx --output type=oci</c>, <c>docker save</c>, buildah, umoci, skopeo and the .NET SDK produce. Blobs
/// inside a tar are read in place, never extracted.
/// </summary>
public sealed class OciLayout
{
    /// <summary>The most of <c>index.json</c> and of any manifest that is read whole, as for a registry's manifests.</summary>
    public const int MaxDocumentSize = 4 * 1024 * 1024;

    private readonly string? _folder;
    private readonly Dictionary<string, (long Offset, long Size)>? _tarEntries;

    private OciLayout(string path, string? folder, Dictionary<string, (long, long)>? tarEntries)
    {
        Path = path;
        _folder = folder;
        _tarEntries = tarEntries;
        Entries = ReadIndex();
    }

    public string Path { get; }

    /// <summary>The entries of <c>index.json</c>.</summary>
    public IReadOnlyList<Descriptor> Entries { get; }

    /// <summary>The digest of the <c>index.json</c> bytes the entries were read from (hashed as read, not re-read).</summary>
    public Digest IndexDigest { get; private set; } = Digest.Sha256([]);

    /// <summary>The size of <c>index.json</c> in bytes.</summary>
    public long IndexSize { get; private set; }

    /// <summary>Splits <c>LAYOUT[:NAME]</c>; a path that exists as written is taken whole, colons and all.</summary>
    public static (string Path, string? Name) SplitArgument(string argument, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var whole = System.IO.Path.GetFullPath(argument, workingDirectory);
        var colon = argument.LastIndexOf(':');
        if (Directory.Exists(whole) || File.Exists(whole) || colon <= 0)
        {
            return (whole, null);
        }

        return (System.IO.Path.GetFullPath(argument[..colon], workingDirectory), argument[(colon + 1)..]);
    }

    public static OciLayout Open(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            if (!File.Exists(System.IO.Path.Combine(path, "index.json")))
            {
                throw OciErrors.LayoutInvalid(path, "it has no index.json");
            }

            return new OciLayout(path, path, null);
        }

        if (!File.Exists(path))
        {
            throw OciErrors.LayoutNotFound(path);
        }

        return new OciLayout(path, null, IndexTar(path, cancellationToken));
    }

    /// <summary>
    /// The entry to push: the one named <paramref name="name"/> (<c>org.opencontainers.image.ref.name</c>, skopeo's
    /// <c>oci:</c> convention), or the only one.
    /// </summary>
    public Descriptor Select(string? name)
    {
        var names = Entries.Select(e => e.Annotation(Descriptor.RefNameAnnotation)).OfType<string>().ToList();
        if (name is not null)
        {
            return Entries.FirstOrDefault(e => e.Annotation(Descriptor.RefNameAnnotation) == name)
                ?? throw OciErrors.LayoutNameNotFound(Path, name, names);
        }

        return Entries.Count switch
        {
            1 => Entries[0],
            0 => throw OciErrors.LayoutInvalid(Path, "index.json lists no image"),
            _ => throw OciErrors.LayoutAmbiguous(Path, names.Count > 0 ? names : ["(entries without names)"]),
        };
    }

    public long? BlobSize(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (_folder is not null)
        {
            var file = new FileInfo(BlobFile(digest));
            return file.Exists ? file.Length : null;
        }

        return _tarEntries!.TryGetValue(BlobEntry(digest), out var entry) ? entry.Size : null;
    }

    public Stream OpenBlob(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (_folder is not null)
        {
            return new FileStream(BlobFile(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024, FileOptions.SequentialScan);
        }

        var (offset, size) = _tarEntries![BlobEntry(digest)];
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024, FileOptions.SequentialScan);
        return new ReadOnlySubStream(stream, offset, size);
    }

    /// <summary>A blob read whole: only documents (manifests, configs), so at most <see cref="MaxDocumentSize"/> bytes.</summary>
    public byte[] ReadBlob(Digest digest)
    {
        using var stream = OpenBlob(digest);
        return ReadCapped(stream, digest.ToString());
    }

    private static string BlobEntry(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Hex}";

    private string BlobFile(Digest digest) => System.IO.Path.Combine(_folder!, "blobs", digest.Algorithm, digest.Hex);

    private IReadOnlyList<Descriptor> ReadIndex()
    {
        byte[] bytes;
        if (_folder is not null)
        {
            using var stream = File.OpenRead(System.IO.Path.Combine(_folder, "index.json"));
            bytes = ReadCapped(stream, "index.json");
        }
        else if (_tarEntries!.TryGetValue("index.json", out var entry))
        {
            using var stream = new ReadOnlySubStream(File.OpenRead(Path), entry.Offset, entry.Size);
            bytes = ReadCapped(stream, "index.json");
        }
        else
        {
            throw OciErrors.LayoutInvalid(Path, "the tar has no index.json");
        }

        IndexDigest = Digest.Sha256(bytes);
        IndexSize = bytes.LongLength;

        try
        {
            using var json = JsonDocument.Parse(bytes);
            if (!json.RootElement.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
            {
                throw OciErrors.LayoutInvalid(Path, "index.json has no 'manifests' array");
            }

            return [.. manifests.EnumerateArray().Select(m => ManifestDocument.ReadDescriptor(m, "index.json"))];
        }
        catch (JsonException exception)
        {
            throw OciErrors.LayoutInvalid(Path, $"index.json is not JSON: {exception.Message}");
        }
        catch (InvalidOperationException exception)
        {
            // A field of the wrong JSON type, or a string that is not valid UTF-8.
            throw OciErrors.LayoutInvalid(Path, $"index.json: {exception.Message}");
        }
        catch (Slipway.Diagnostics.SlipwayException exception) when (exception.Code == Slipway.Diagnostics.ErrorCode.ManifestInvalid)
        {
            throw OciErrors.LayoutInvalid(Path, exception.Message);
        }
    }

    private byte[] ReadCapped(Stream stream, string what)
    {
        // The cap applies while reading: a folder's file may be a device or grow while it is read.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxDocumentSize)
            {
                throw OciErrors.LayoutInvalid(Path, $"{what} is larger than {MaxDocumentSize} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, (long, long)> IndexTar(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return TarIndex.Read(stream, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw OciErrors.LayoutInvalid(path, $"not a directory and not a readable tar ({exception.Message}); compressed tars are not supported");
        }
    }
}
