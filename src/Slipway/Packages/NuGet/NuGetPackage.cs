using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace Slipway.Packages.NuGet;

/// <summary>
/// What a .nupkg (or .snupkg) declares and holds, read with bounded reads from the untrusted build output: the nuspec's
/// id and version, and the content hash: SHA-256 over every part's name and bytes except the package signature
/// (<c>.signature.p7s</c>), so a package nuget.org re-signed still compares equal to the one pushed.
/// </summary>
public sealed record NuGetPackage(string Id, string Version, string ContentHash, byte[] Nuspec)
{
    public const int EntryLimit = 20_000;
    public const long UnpackedLimit = 1024L * 1024 * 1024;
    public const int NuspecLimit = 1024 * 1024;
    private const string SignaturePart = ".signature.p7s";

    public static NuGetPackage Read(PackageFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var stream = File.OpenRead(file.Path);
        return Read(stream, file.FileName);
    }

    public static NuGetPackage Read(Stream stream, string display)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > EntryLimit)
            {
                throw PackageErrors.Unreadable(display, $"holds {zip.Entries.Count} parts, over the limit of {EntryLimit}");
            }

            var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
            byte[]? nuspec = null;
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (name.StartsWith('/') || name.Split('/').Contains(".."))
                {
                    throw PackageErrors.Unreadable(display, $"holds a part named '{name}', outside the package");
                }

                if (name == SignaturePart || name.EndsWith('/'))
                {
                    continue;
                }

                var isNuspec = !name.Contains('/', StringComparison.Ordinal) && name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase);
                using var data = new CappedStream(entry.Open(), isNuspec ? NuspecLimit : UnpackedLimit - total, () => PackageErrors.Unreadable(display, isNuspec ? $"its nuspec is over {NuspecLimit} bytes" : $"unpacks to more than {UnpackedLimit} bytes"));
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using var copy = isNuspec ? new MemoryStream() : null;
                var buffer = new byte[81920];
                int read;
                while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    copy?.Write(buffer, 0, read);
                    total += read;
                }

                if (isNuspec)
                {
                    nuspec = nuspec is null ? copy!.ToArray() : throw PackageErrors.Unreadable(display, "holds more than one nuspec");
                }

                parts[name] = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (nuspec is null)
            {
                throw PackageErrors.Unreadable(display, "holds no .nuspec at its root");
            }

            var (id, version) = Identity(nuspec, display);
            var content = new StringBuilder();
            foreach (var (name, digest) in parts)
            {
                content.Append(name).Append('\n').Append(digest).Append('\n');
            }

            return new NuGetPackage(id, version, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString()))), nuspec);
        }
        catch (InvalidDataException e)
        {
            throw PackageErrors.Unreadable(display, $"is not a readable zip archive ({e.Message})");
        }
    }

    private static (string Id, string Version) Identity(byte[] nuspec, string display)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = NuspecLimit };
        string? id = null, version = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(nuspec), settings);
            var depth = -1;

            // ReadElementContentAsString leaves the reader on the next node already: <version> right after </id>
            // (a nuspec on one line) must not be skipped by another Read.
            var positioned = false;
            while (positioned || reader.Read())
            {
                positioned = false;
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "metadata" && depth < 0)
                {
                    depth = reader.Depth;
                    continue;
                }

                if (depth >= 0 && reader.Depth == depth + 1 && reader.LocalName is "id" or "version")
                {
                    var isId = reader.LocalName == "id";
                    var text = reader.ReadElementContentAsString().Trim();
                    positioned = true;
                    if (isId)
                    {
                        id ??= text;
                    }
                    else
                    {
                        version ??= text;
                    }
                }
            }
        }
        catch (XmlException e)
        {
            throw PackageErrors.Unreadable(display, $"its nuspec is not readable XML ({e.Message})");
        }

        return id is { Length: > 0 } && version is { Length: > 0 }
            ? (id, version)
            : throw PackageErrors.Unreadable(display, "its nuspec names no <id> and <version>");
    }
}
