using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Slipway.Signing;

/// <summary>scrypt (RFC 7914), which .NET does not ship; cosign derives its key-encryption key with it.</summary>
internal static class Scrypt
{
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int n, int r, int p, int length)
    {
        if (n < 2 || (n & (n - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "N must be a power of two greater than 1");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(r, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 1);
        if ((long)r * p >= 1 << 30 || (long)n * r * 128 > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "scrypt parameters are too large");
        }

        var blockBytes = 128 * r;
        var b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * blockBytes);
        var words = blockBytes / 4;
        var x = new uint[words];
        var v = new uint[n * words];
        var scratch = new uint[words];
        for (var i = 0; i < p; i++)
        {
            var chunk = b.AsSpan(i * blockBytes, blockBytes);
            for (var w = 0; w < words; w++)
            {
                x[w] = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(4 * w)..]);
            }

            RoMix(x, v, scratch, n, r);
            for (var w = 0; w < words; w++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(chunk[(4 * w)..], x[w]);
            }
        }

        var key = Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, length);
        CryptographicOperations.ZeroMemory(b);
        Array.Clear(v);
        return key;
    }

    private static void RoMix(uint[] x, uint[] v, uint[] scratch, int n, int r)
    {
        var words = x.Length;
        for (var i = 0; i < n; i++)
        {
            x.CopyTo(v, i * words);
            BlockMix(x, scratch, r);
        }

        for (var i = 0; i < n; i++)
        {
            // Integerify: the first word of the last 64-byte block, modulo N (a power of two).
            var j = (int)(x[words - 16] & (uint)(n - 1));
            var row = v.AsSpan(j * words, words);
            for (var w = 0; w < words; w++)
            {
                x[w] ^= row[w];
            }

            BlockMix(x, scratch, r);
        }
    }

    /// <summary>scryptBlockMix: even outputs first, then odd ones (RFC 7914 section 4).</summary>
    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> x = stackalloc uint[16];
        b.AsSpan((2 * r - 1) * 16, 16).CopyTo(x);
        for (var i = 0; i < 2 * r; i++)
        {
            var block = b.AsSpan(i * 16, 16);
            for (var w = 0; w < 16; w++)
            {
                x[w] ^= block[w];
            }

            Salsa20.Core8(x);
            var target = (i % 2 == 0 ? i / 2 : r + (i / 2)) * 16;
            x.CopyTo(y.AsSpan(target, 16));
        }

        y.CopyTo(b, 0);
    }
}
