using System.Globalization;
using System.Text;

namespace Slipway.Oci;

/// <summary>
/// Where each regular file's data sits in an uncompressed tar (ustar, pax and GNU long names), so blobs can be read in
/// place. Headers are read directly: System.Formats.Tar does not expose data offsets. The tar is untrusted: every size
/// is checked against the file before it is used, so each header moves strictly forward and the walk ends.
/// </summary>
internal static class TarIndex
{
    private const int Block = 512;

    // Pax extended headers and GNU long names hold a few paths; a layout's own names are short.
    private const int MaxMetadataSize = 1024 * 1024;
    private const int MaxNameLength = 4096;

    // A layout holds a few hundred blobs; this many entries is not one.
    private const int MaxEntries = 100_000;

    public static Dictionary<string, (long Offset, long Size)> Read(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var entries = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        var header = new byte[Block];
        var length = stream.Length;
        string? nextName = null;
        long? nextSize = null;
        long position = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Position = position;
            if (length - position < Block || stream.ReadAtLeast(header, Block, throwOnEndOfStream: false) < Block || header.All(b => b == 0))
            {
                return entries;
            }

            if (!ChecksumMatches(header, position))
            {
                throw new InvalidDataException($"bad tar header checksum at offset {position}");
            }

            var type = (char)header[156];
            var size = nextSize ?? ParseNumber(header.AsSpan(124, 12), "size", position);
            var data = position + Block;
            if (size > length - data)
            {
                throw new InvalidDataException($"the tar entry at offset {position} claims {size} bytes, past the end of the file ({length} bytes)");
            }

            // size <= length - data, so this neither overflows nor goes backwards.
            position = data + ((size + Block - 1) / Block * Block);
            switch (type)
            {
                case 'x':
                    (nextName, nextSize) = ParsePax(ReadMetadata(stream, data, size), nextName, data);
                    continue;
                case 'g':
                    continue;
                case 'L':
                    nextName = Encoding.UTF8.GetString(ReadMetadata(stream, data, size)).TrimEnd('\0');
                    continue;
                case '0' or '\0' or '7':
                    var name = nextName ?? HeaderName(header);
                    name = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
                    if (name.Length > MaxNameLength)
                    {
                        throw new InvalidDataException($"the tar entry at offset {data - Block} has a name of {name.Length} characters");
                    }

                    entries[name] = (data, size);
                    if (entries.Count > MaxEntries)
                    {
                        throw new InvalidDataException($"the tar has more than {MaxEntries} files");
                    }

                    break;
            }

            nextName = null;
            nextSize = null;
        }
    }

    private static string HeaderName(byte[] header)
    {
        var name = Field(header.AsSpan(0, 100));
        var magic = Encoding.ASCII.GetString(header, 257, 5);
        var prefix = magic == "ustar" ? Field(header.AsSpan(345, 155)) : string.Empty;
        return prefix.Length > 0 ? prefix + "/" + name : name;
    }

    private static string Field(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    /// <summary>An octal field (NUL or space padded), or GNU base-256 for sizes beyond the 8 GiB that 11 octal digits hold.</summary>
    private static long ParseNumber(ReadOnlySpan<byte> field, string what, long offset)
    {
        if ((field[0] & 0x80) != 0)
        {
            // 0xFF starts a negative number in base-256: no field Slipway reads may be negative.
            if (field[0] != 0x80)
            {
                throw new InvalidDataException($"the tar header at offset {offset} has a negative or oversized {what}");
            }

            long value = 0;
            foreach (var b in field[1..])
            {
                if (value > (long.MaxValue >> 8))
                {
                    throw new InvalidDataException($"the tar header at offset {offset} has a {what} beyond 2^63");
                }

                value = (value << 8) | b;
            }

            return value;
        }

        var text = field.Trim(" \0"u8);
        long octal = 0;
        foreach (var digit in text)
        {
            // 12 octal digits at most: 2^36, no overflow.
            if (digit is < (byte)'0' or > (byte)'7')
            {
                throw new InvalidDataException($"the tar header at offset {offset} has a {what} that is not an octal number");
            }

            octal = (octal * 8) + (digit - '0');
        }

        return octal;
    }

    private static bool ChecksumMatches(byte[] header, long offset)
    {
        long sum = 0;
        for (var i = 0; i < Block; i++)
        {
            sum += i is >= 148 and < 156 ? (byte)' ' : header[i];
        }

        return sum == ParseNumber(header.AsSpan(148, 8), "checksum", offset);
    }

    private static byte[] ReadMetadata(Stream stream, long offset, long size)
    {
        if (size > MaxMetadataSize)
        {
            throw new InvalidDataException($"the tar's extended header at offset {offset - Block} is {size} bytes (at most {MaxMetadataSize})");
        }

        stream.Position = offset;
        var data = new byte[size];
        stream.ReadExactly(data);
        return data;
    }

    /// <summary>Pax records (POSIX pax "extended header"): <c>LEN key=value\n</c>, LEN counting the whole record; only path and size matter here.</summary>
    private static (string? Name, long? Size) ParsePax(byte[] data, string? name, long offset)
    {
        long? size = null;
        var i = 0;
        while (i < data.Length)
        {
            // Trailing NUL padding ends the records.
            if (data[i] == 0)
            {
                break;
            }

            var space = Array.IndexOf(data, (byte)' ', i, Math.Min(data.Length - i, 20));
            if (space <= i
                || !int.TryParse(data.AsSpan(i, space - i), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length < space - i + 3
                || length > data.Length - i
                || data[i + length - 1] != (byte)'\n')
            {
                throw new InvalidDataException($"the tar's pax header at offset {offset - Block} has a malformed record at byte {i}");
            }

            var record = Encoding.UTF8.GetString(data, space + 1, i + length - space - 2);
            var equals = record.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidDataException($"the tar's pax header at offset {offset - Block} has a record without key=value at byte {i}");
            }

            var key = record[..equals];
            var value = record[(equals + 1)..];
            if (key == "path")
            {
                name = value;
            }
            else if (key == "size")
            {
                size = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new InvalidDataException($"the tar's pax header at offset {offset - Block} has a size that is not a number");
            }

            i += length;
        }

        return (name, size);
    }
}
