using System.Buffers.Binary;
using System.Numerics;

namespace Slipway.Signing;

/// <summary>
/// The Salsa20 core (Bernstein, "Salsa20 specification") and its HSalsa20 variant ("Extending the Salsa20 nonce"),
/// which .NET does not ship. Used by scrypt (Salsa20/8) and by NaCl secretbox (XSalsa20).
/// </summary>
internal static class Salsa20
{
    // "expand 32-byte k", little-endian words.
    private const uint Sigma0 = 0x61707865;
    private const uint Sigma1 = 0x3320646e;
    private const uint Sigma2 = 0x79622d32;
    private const uint Sigma3 = 0x6b206574;

    /// <summary>Runs <paramref name="doubleRounds"/> double rounds over <paramref name="x"/> in place, without the final addition.</summary>
    public static void DoubleRounds(Span<uint> x, int doubleRounds)
    {
        for (var i = 0; i < doubleRounds; i++)
        {
            // Column round.
            QuarterRound(ref x[0], ref x[4], ref x[8], ref x[12]);
            QuarterRound(ref x[5], ref x[9], ref x[13], ref x[1]);
            QuarterRound(ref x[10], ref x[14], ref x[2], ref x[6]);
            QuarterRound(ref x[15], ref x[3], ref x[7], ref x[11]);

            // Row round.
            QuarterRound(ref x[0], ref x[1], ref x[2], ref x[3]);
            QuarterRound(ref x[5], ref x[6], ref x[7], ref x[4]);
            QuarterRound(ref x[10], ref x[11], ref x[8], ref x[9]);
            QuarterRound(ref x[15], ref x[12], ref x[13], ref x[14]);
        }
    }

    /// <summary>Salsa20/8 core with feed-forward, in place (RFC 7914 section 3).</summary>
    public static void Core8(Span<uint> block)
    {
        Span<uint> x = stackalloc uint[16];
        block.CopyTo(x);
        DoubleRounds(x, 4);
        for (var i = 0; i < 16; i++)
        {
            block[i] += x[i];
        }
    }

    /// <summary>HSalsa20: a 32-byte subkey from a 32-byte key and a 16-byte input.</summary>
    public static byte[] HSalsa20(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input)
    {
        Span<uint> x = stackalloc uint[16];
        SetKey(x, key);
        for (var i = 0; i < 4; i++)
        {
            x[6 + i] = BinaryPrimitives.ReadUInt32LittleEndian(input[(4 * i)..]);
        }

        DoubleRounds(x, 10);
        var output = new byte[32];
        ReadOnlySpan<int> words = [0, 5, 10, 15, 6, 7, 8, 9];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(4 * i), x[words[i]]);
        }

        return output;
    }

    /// <summary>Salsa20/20 keystream for a 32-byte key and 8-byte nonce, block counter from zero.</summary>
    public static void KeyStream(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, Span<byte> output)
    {
        Span<uint> state = stackalloc uint[16];
        Span<uint> x = stackalloc uint[16];
        SetKey(state, key);
        state[6] = BinaryPrimitives.ReadUInt32LittleEndian(nonce);
        state[7] = BinaryPrimitives.ReadUInt32LittleEndian(nonce[4..]);
        Span<byte> block = stackalloc byte[64];
        ulong counter = 0;
        for (var offset = 0; offset < output.Length; offset += 64)
        {
            state[8] = (uint)counter;
            state[9] = (uint)(counter >> 32);
            state.CopyTo(x);
            DoubleRounds(x, 10);
            for (var i = 0; i < 16; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(block[(4 * i)..], x[i] + state[i]);
            }

            var length = Math.Min(64, output.Length - offset);
            block[..length].CopyTo(output[offset..]);
            counter++;
        }
    }

    /// <summary>The constants and the 32-byte key in their places of the 4x4 state.</summary>
    private static void SetKey(Span<uint> state, ReadOnlySpan<byte> key)
    {
        state[0] = Sigma0;
        state[5] = Sigma1;
        state[10] = Sigma2;
        state[15] = Sigma3;
        for (var i = 0; i < 4; i++)
        {
            state[1 + i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(4 * i)..]);
            state[11 + i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(16 + (4 * i))..]);
        }
    }

    private static void QuarterRound(ref uint a, ref uint b, ref uint c, ref uint d)
    {
        b ^= BitOperations.RotateLeft(a + d, 7);
        c ^= BitOperations.RotateLeft(b + a, 9);
        d ^= BitOperations.RotateLeft(c + b, 13);
        a ^= BitOperations.RotateLeft(d + c, 18);
    }
}
