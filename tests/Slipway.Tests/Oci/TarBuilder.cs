using System.Text;

namespace Slipway.Tests.Oci;

/// <summary>Writes tar headers field by field, so a test can put any bytes in a size or checksum field.</summary>
internal sealed class TarBuilder
{
    private readonly List<byte> _bytes = [];

    public static byte[] Octal(long value, int width) => Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(width - 1, '0') + "\0");

    /// <summary>GNU base-256: the high bit of the first byte set, then the value big-endian (two's complement when negative).</summary>
    public static byte[] Base256(long value)
    {
        var field = new byte[12];
        for (var i = 11; i >= 4; i--)
        {
            field[i] = (byte)(value >> ((11 - i) * 8));
        }

        for (var i = 0; i < 4; i++)
        {
            field[i] = value < 0 ? (byte)0xFF : (byte)0;
        }

        field[0] |= 0x80;
        return field;
    }

    public TarBuilder Entry(string name, char type, byte[] data, byte[]? sizeField = null, byte[]? checksumField = null)
    {
        var header = new byte[512];
        Encoding.UTF8.GetBytes(name).AsSpan(0, Math.Min(100, Encoding.UTF8.GetByteCount(name))).CopyTo(header);
        Octal(420, 8).CopyTo(header, 100);
        Octal(0, 8).CopyTo(header, 108);
        Octal(0, 8).CopyTo(header, 116);
        (sizeField ?? Octal(data.Length, 12)).CopyTo(header, 124);
        Octal(0, 12).CopyTo(header, 136);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0").CopyTo(header, 257);
        Encoding.ASCII.GetBytes("00").CopyTo(header, 263);
        var sum = header.Select((b, i) => i is >= 148 and < 156 ? (byte)' ' : b).Sum(b => (long)b);
        (checksumField ?? Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ")).CopyTo(header, 148);
        _bytes.AddRange(header);
        _bytes.AddRange(data);
        _bytes.AddRange(new byte[(512 - (data.Length % 512)) % 512]);
        return this;
    }

    public TarBuilder File(string name, string content) => Entry(name, '0', Encoding.UTF8.GetBytes(content));

    /// <summary>A pax extended header whose records are given as written (lengths and all).</summary>
    public TarBuilder Pax(string records) => Entry("PaxHeader", 'x', Encoding.UTF8.GetBytes(records));

    public byte[] Build(bool endMarker = true)
    {
        if (endMarker)
        {
            _bytes.AddRange(new byte[1024]);
        }

        return _bytes.ToArray();
    }
}
