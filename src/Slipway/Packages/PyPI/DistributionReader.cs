using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Slipway.Packages.PyPI;

/// <summary>
/// Reads what a wheel or an sdist declares, treating the file as untrusted build output: the zip central directory is
/// sized before it is loaded, every read is capped while it happens, and no member is ever extracted — a member is
/// only matched by its exact name (so <c>..</c>, absolute names and links lead nowhere).
/// </summary>
internal static partial class DistributionReader
{
    private const int MetadataLimit = 4 * 1024 * 1024;
    private const int CentralDirectoryLimit = 32 * 1024 * 1024;
    private const int EntryLimit = 200_000;
    private const long SdistExpandedLimit = 4L * 1024 * 1024 * 1024;

    public static PythonDistribution Read(string path, string fileName)
    {
        PythonDistribution distribution;
        if (fileName.EndsWith(".whl", StringComparison.Ordinal))
        {
            var match = WheelName().Match(fileName);
            if (!match.Success)
            {
                throw PyPIErrors.Invalid(fileName, "the name is not {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl");
            }

            var (member, bytes) = ReadWheelMetadata(path, fileName);
            distribution = Describe(fileName, member, bytes, "bdist_wheel", match.Groups["python"].Value);
            if (ProjectName.Normalize(match.Groups["name"].Value) != ProjectName.Normalize(distribution.Name))
            {
                throw PyPIErrors.Metadata(fileName, member, $"Name '{distribution.Name}' does not match the file name");
            }
        }
        else if (fileName.EndsWith(".tar.gz", StringComparison.Ordinal))
        {
            var (member, bytes) = ReadSdistMetadata(path, fileName);
            distribution = Describe(fileName, member, bytes, "sdist", "source");
        }
        else
        {
            throw PyPIErrors.Unsupported(fileName);
        }

        if (Pep440.HasLocalSegment(distribution.Version))
        {
            throw PyPIErrors.LocalVersion(fileName, distribution.Version);
        }

        return distribution;
    }

    private static PythonDistribution Describe(string fileName, string member, byte[] bytes, string fileType, string pyVersion)
    {
        if (!CoreMetadata.TryParse(bytes, out var metadata, out var problem)
            || !UploadMetadata.TryConvert(metadata, out var fields, out var name, out var version, out problem))
        {
            throw PyPIErrors.Metadata(fileName, member, problem);
        }

        return new PythonDistribution(fileType, pyVersion, name, version, fields);
    }

    private static (string Member, byte[] Bytes) ReadWheelMetadata(string path, string fileName)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            CheckCentralDirectory(stream, fileName);
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var candidates = archive.Entries.Where(e => WheelMetadataMember().IsMatch(e.FullName)).ToList();
            if (candidates.Count != 1)
            {
                throw PyPIErrors.Invalid(
                    fileName,
                    candidates.Count == 0 ? "it has no {name}-{version}.dist-info/METADATA" : "it has more than one *.dist-info/METADATA");
            }

            var entry = candidates[0];
            using var content = entry.Open();
            return (entry.FullName, ReadCapped(content, fileName, entry.FullName));
        }
        catch (InvalidDataException exception)
        {
            throw PyPIErrors.Invalid(fileName, $"the zip archive is damaged ({exception.Message})");
        }
    }

    // ZipArchive loads the whole central directory; its size is read from the end records first, so a crafted archive
    // cannot make it allocate more than the cap.
    private static void CheckCentralDirectory(FileStream stream, string fileName)
    {
        var tailLength = (int)Math.Min(stream.Length, 22 + 65535 + 20);
        var tail = new byte[tailLength];
        stream.Seek(-tailLength, SeekOrigin.End);
        stream.ReadExactly(tail);
        var end = -1;
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == 0x06054b50)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw PyPIErrors.Invalid(fileName, "it is not a zip archive (no end of central directory)");
        }

        ulong entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        ulong size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        if ((entries == 0xFFFF || size == 0xFFFFFFFF) && end >= 20
            && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end - 20)) == 0x07064b50)
        {
            var recordOffset = BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(end - 20 + 8));
            if (recordOffset > (ulong)stream.Length - 56)
            {
                throw PyPIErrors.Invalid(fileName, "its zip64 end record points outside the file");
            }

            var record = new byte[56];
            stream.Seek((long)recordOffset, SeekOrigin.Begin);
            stream.ReadExactly(record);
            entries = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32));
            size = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40));
        }

        if (entries > EntryLimit || size > CentralDirectoryLimit)
        {
            throw PyPIErrors.Invalid(fileName, $"its central directory lists {entries} entries in {size} bytes (at most {EntryLimit} entries, {CentralDirectoryLimit} bytes)");
        }

        stream.Seek(0, SeekOrigin.Begin);
    }

    private static (string Member, byte[] Bytes) ReadSdistMetadata(string path, string fileName)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var expanded = new CappedStream(gzip, SdistExpandedLimit, () => PyPIErrors.Invalid(fileName, $"it expands to more than {SdistExpandedLimit / (1024 * 1024)} MiB"));
            using var tar = new TarReader(expanded);
            string? root = null;
            string? member = null;
            byte[]? bytes = null;
            var count = 0;
            while (tar.GetNextEntry() is { } entry)
            {
                if (++count > EntryLimit)
                {
                    throw PyPIErrors.Invalid(fileName, $"it has more than {EntryLimit} members");
                }

                var name = entry.Name;
                var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || segments.Length == 0
                    || segments.Any(s => s is "." or ".."))
                {
                    throw PyPIErrors.Invalid(fileName, $"member '{name}' is absolute or leaves the archive's folder");
                }

                root ??= segments[0];
                if (segments[0] != root)
                {
                    throw PyPIErrors.Invalid(fileName, $"it has more than one top-level folder ('{root}', '{segments[0]}')");
                }

                if (segments.Length == 2 && segments[1] == "PKG-INFO")
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    {
                        throw PyPIErrors.Invalid(fileName, $"{name} is not a regular file");
                    }

                    member = name;
                    bytes = ReadCapped(entry.DataStream, fileName, name);
                }
            }

            return member is not null && bytes is not null
                ? (member, bytes)
                : throw PyPIErrors.Invalid(fileName, "it has no {name}-{version}/PKG-INFO");
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw PyPIErrors.Invalid(fileName, $"the tar.gz archive is damaged ({exception.Message})");
        }
    }

    private static byte[] ReadCapped(Stream content, string fileName, string member)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        while (true)
        {
            var read = content.Read(chunk, 0, (int)Math.Min(chunk.Length, MetadataLimit + 1L - buffer.Length));
            if (read == 0)
            {
                return buffer.ToArray();
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > MetadataLimit)
            {
                throw PyPIErrors.Invalid(fileName, $"{member} is larger than {MetadataLimit / (1024 * 1024)} MiB");
            }
        }
    }

    // The wheel file name convention (packaging.python.org "Binary distribution format").
    [GeneratedRegex(@"^(?<name>[^-/\\]+)-(?<version>[^-/\\]+)(-(?<build>\d[^-/\\]*))?-(?<python>[^-/\\]+)-(?<abi>[^-/\\]+)-(?<platform>[^-/\\]+)\.whl$", RegexOptions.CultureInvariant)]
    private static partial Regex WheelName();

    [GeneratedRegex(@"^[^/\\]+\.dist-info/METADATA$", RegexOptions.CultureInvariant)]
    private static partial Regex WheelMetadataMember();
}
