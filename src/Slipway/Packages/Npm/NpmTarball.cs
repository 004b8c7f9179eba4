using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Packages.Npm;

/// <summary>
/// Reads <c>package.json</c> out of an npm tarball (gzip + tar) the build left. The build's output is untrusted: the
/// unpacked size is capped while reading, package.json has its own cap, only a top-level folder's package.json counts
/// (npm strips the first path segment; an entry named with <c>..</c> or an absolute path is refused), and nothing is
/// ever written to disk.
/// </summary>
public static class NpmTarball
{
    public const long UnpackedLimit = 512L * 1024 * 1024;
    public const int ManifestLimit = 1024 * 1024;

    // npm's own names: lowercase, URL-safe, at most 214 characters, a scope as @scope/name.
    private const int NameLimit = 214;

    public static NpmManifest Read(PackageFile file) => Read(file, UnpackedLimit);

    internal static NpmManifest Read(PackageFile file, long unpackedLimit)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            using var stream = File.OpenRead(file.Path);
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            using var capped = new CappedStream(gzip, unpackedLimit, () => PackageErrors.Unreadable(file.FileName, $"unpacks to more than {unpackedLimit} bytes"));
            using var tar = new TarReader(capped);
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name.Replace('\\', '/');
                if (name.StartsWith('/') || name.Split('/').Contains(".."))
                {
                    throw PackageErrors.Unreadable(file.FileName, $"holds an entry named '{Printable(name)}', outside the package folder");
                }

                var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (parts is not [_, "package.json"] || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                if (entry.Length > ManifestLimit)
                {
                    throw PackageErrors.Unreadable(file.FileName, $"package.json is {entry.Length} bytes, over the {ManifestLimit} byte limit");
                }

                using var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                return Parse(file.FileName, data.ToArray());
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or IOException and not FileNotFoundException)
        {
            throw PackageErrors.Unreadable(file.FileName, $"is not a readable gzip tar archive ({e.Message})");
        }

        throw PackageErrors.Unreadable(file.FileName, "holds no package/package.json");
    }

    internal static NpmManifest Parse(string fileName, byte[] json)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw PackageErrors.Unreadable(fileName, $"package.json is not JSON: {e.Message}");
        }

        var name = Text(document, "name");
        var version = Text(document, "version");
        if (name is null || version is null)
        {
            throw PackageErrors.Unreadable(fileName, "package.json names no \"name\" and \"version\"");
        }

        if (!ValidName(name))
        {
            throw PackageErrors.Unreadable(fileName, $"package.json name '{Printable(name)}' is not an npm package name");
        }

        Uri? registry = null;
        if (document["publishConfig"] is JsonObject publish && Text(publish, "registry") is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out registry) || registry.Scheme is not ("http" or "https"))
            {
                throw PackageErrors.Unreadable(fileName, $"package.json publishConfig.registry '{Printable(text)}' is not an http(s) URL");
            }
        }

        return new NpmManifest(name, version, registry, document);
    }

    internal static bool ValidName(string name)
    {
        if (name.Length is 0 or > NameLimit || name.StartsWith('.') || name.StartsWith('_'))
        {
            return false;
        }

        var parts = name.Split('/');
        var plain = parts switch
        {
            [var only] => only,
            [var scope, var rest] when scope.Length > 1 && scope[0] == '@' && ValidPart(scope[1..]) => rest,
            _ => null,
        };
        return plain is not null && ValidPart(plain);
    }

    private static bool ValidPart(string part) =>
        part.Length > 0 && part.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~');

    private static string? Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Printable(string text) => new([.. text.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
