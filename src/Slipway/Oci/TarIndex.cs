using System.Text;

namespace Slipway.Oci;

/// <summary>
/// Where each regular file's data sits in an uncompressed tar (ustar, pax and GNU long names), so blobs can be read in
/// place. Headers are read directly: System.Formats.Tar does not expose data offsets.
/// </summary>
internal static class TarIndex
{
    private const int Block = 512;

    public static Dictionary<string, (long Offset, long Size)> Read(Stream stream)
    {
        var entries = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        var header = new byte[Block];
        string? nextName = null;
        long? nextSize = null;
        long position = 0;
        while (true)
        {
            stream.Position = position;
            if (stream.ReadAtLeast(header, Block, throwOnEndOfStream: false) < Block || header.All(b => b == 0))
            {
                return entries;
            }

            if (!ChecksumMatches(header))
            {
                throw new InvalidDataException($"bad tar header checksum at offset {position}");
            }

            var type = (char)header[156];
            var size = nextSize ?? ParseNumber(header.AsSpan(124, 12));
            var data = position + Block;
            position = data + ((size + Block - 1) / Block * Block);
            switch (type)
            {
                case 'x':
                    (nextName, nextSize) = ParsePax(ReadData(stream, data, size), nextName, null);
                    continue;
                case 'g':
                    continue;
                case 'L':
                    nextName = Encoding.UTF8.GetString(ReadData(stream, data, size)).TrimEnd('\0');
                    continue;
                case '0' or '\0' or '7':
                    var name = nextName ?? HeaderName(header);
                    name = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
                    entries[name] = (data, size);
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

    private static long ParseNumber(ReadOnlySpan<byte> field)
    {
        // GNU base-256 for sizes beyond the 8 GiB that 11 octal digits hold.
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] & 0x7F;
            foreach (var b in field[1..])
            {
                value = (value << 8) | b;
            }

            return value;
        }

        var text = Encoding.ASCII.GetString(field).Trim('\0', ' ');
        return text.Length == 0 ? 0 : Convert.ToInt64(text, 8);
    }

    private static bool ChecksumMatches(byte[] header)
    {
        long sum = 0;
        for (var i = 0; i < Block; i++)
        {
            sum += i is >= 148 and < 156 ? (byte)' ' : header[i];
        }

        return sum == ParseNumber(header.AsSpan(148, 8));
    }

    private static byte[] ReadData(Stream stream, long offset, long size)
    {
        stream.Position = offset;
        var data = new byte[size];
        stream.ReadExactly(data);
        return data;
    }

    /// <summary>Pax records: "LEN key=value\n"; only path and size matter here.</summary>
    private static (string? Name, long? Size) ParsePax(byte[] data, string? name, long? size)
    {
        var i = 0;
        while (i < data.Length)
        {
            var space = Array.IndexOf(data, (byte)' ', i);
            if (space < 0 || !int.TryParse(Encoding.ASCII.GetString(data, i, space - i), System.Globalization.CultureInfo.InvariantCulture, out var length) || length <= 0)
            {
                break;
            }

            var record = Encoding.UTF8.GetString(data, space + 1, i + length - space - 2);
            var equals = record.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                var key = record[..equals];
                var value = record[(equals + 1)..];
                if (key == "path")
                {
                    name = value;
                }
                else if (key == "size" && long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                {
                    size = parsed;
                }
            }

            i += length;
        }

        return (name, size);
    }
}
