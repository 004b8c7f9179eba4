using System.Buffers.Binary;
using System.Numerics;

namespace Slipway.Packages.PyPI;

/// <summary>
/// BLAKE2b (RFC 7693) with a digest of 1 to 64 bytes: PyPI's upload form carries <c>blake2_256_digest</c>
/// (BLAKE2b with a 32-byte digest) and .NET has no BLAKE2. Incremental, so a file is hashed as it is read.
/// </summary>
internal sealed class Blake2b
{
    private const int BlockSize = 128;

    private static readonly ulong[] InitialVector =
    [
        0x6a09e667f3bcc908UL, 0xbb67ae8584caa73bUL, 0x3c6ef372fe94f82bUL, 0xa54ff53a5f1d36f1UL,
        0x510e527fade682d1UL, 0x9b05688c2b3e6c1fUL, 0x1f83d9abfb41bd6bUL, 0x5be0cd19137e2179UL,
    ];

    private static readonly byte[][] Sigma =
    [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ];

    private readonly ulong[] _h = new ulong[8];
    private readonly ulong[] _v = new ulong[16];
    private readonly ulong[] _m = new ulong[16];
    private readonly byte[] _buffer = new byte[BlockSize];
    private readonly int _digestSize;
    private readonly byte[] _key;
    private int _buffered;
    private ulong _t0;
    private ulong _t1;

    /// <summary>A hash of <paramref name="digestSize"/> bytes; the key (up to 64 bytes) is there for RFC 7693's keyed self-test.</summary>
    public Blake2b(int digestSize, ReadOnlySpan<byte> key = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digestSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digestSize, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, 64);
        _digestSize = digestSize;
        _key = key.ToArray();
        Reset();
    }

    public static byte[] HashData(ReadOnlySpan<byte> data, int digestSize, ReadOnlySpan<byte> key = default)
    {
        var hash = new Blake2b(digestSize, key);
        hash.Append(data);
        return hash.GetHashAndReset();
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            // The last block is compressed with the final flag, so a full buffer waits until more data arrives.
            if (_buffered == BlockSize)
            {
                Increment(BlockSize);
                Compress(_buffer, last: false);
                _buffered = 0;
            }

            var take = Math.Min(BlockSize - _buffered, data.Length);
            data[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            data = data[take..];
        }
    }

    public byte[] GetHashAndReset()
    {
        Increment((ulong)_buffered);
        _buffer.AsSpan(_buffered).Clear();
        Compress(_buffer, last: true);
        var output = new byte[64];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output.AsSpan(i * 8), _h[i]);
        }

        Reset();
        return output[.._digestSize];
    }

    private void Reset()
    {
        InitialVector.CopyTo(_h, 0);
        // Parameter block: digest length, no key, fanout 1, depth 1.
        _h[0] ^= 0x01010000UL ^ ((ulong)_key.Length << 8) ^ (ulong)_digestSize;
        _buffered = 0;
        _t0 = 0;
        _t1 = 0;
        if (_key.Length > 0)
        {
            // A key is the first block, zero-padded (RFC 7693 section 3.3).
            _buffer.AsSpan().Clear();
            _key.CopyTo(_buffer, 0);
            _buffered = BlockSize;
        }
    }

    private void Increment(ulong count)
    {
        _t0 += count;
        if (_t0 < count)
        {
            _t1++;
        }
    }

    private void Compress(ReadOnlySpan<byte> block, bool last)
    {
        var v = _v;
        var m = _m;
        for (var i = 0; i < 16; i++)
        {
            m[i] = BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        }

        _h.CopyTo(v, 0);
        InitialVector.CopyTo(v, 8);
        v[12] ^= _t0;
        v[13] ^= _t1;
        if (last)
        {
            v[14] = ~v[14];
        }

        for (var round = 0; round < 12; round++)
        {
            var s = Sigma[round % 10];
            Mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            Mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            Mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            Mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            Mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            Mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            Mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            Mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }

        for (var i = 0; i < 8; i++)
        {
            _h[i] ^= v[i] ^ v[i + 8];
        }
    }

    private static void Mix(ulong[] v, int a, int b, int c, int d, ulong x, ulong y)
    {
        v[a] = v[a] + v[b] + x;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 32);
        v[c] += v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 24);
        v[a] = v[a] + v[b] + y;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 16);
        v[c] += v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 63);
    }
}
