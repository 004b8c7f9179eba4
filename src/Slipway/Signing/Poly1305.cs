using System.Numerics;

namespace Slipway.Signing;

/// <summary>
/// The Poly1305 one-time authenticator (RFC 8439 section 2.5). Arithmetic in <see cref="BigInteger"/>: it only ever
/// authenticates a key file of a few hundred bytes, so clarity beats speed here.
/// </summary>
internal static class Poly1305
{
    private static readonly BigInteger Prime = (BigInteger.One << 130) - 5;
    private static readonly BigInteger Clamp = new([0xff, 0xff, 0xff, 0x0f, 0xfc, 0xff, 0xff, 0x0f, 0xfc, 0xff, 0xff, 0x0f, 0xfc, 0xff, 0xff, 0x0f], isUnsigned: true);

    public static byte[] Tag(ReadOnlySpan<byte> message, ReadOnlySpan<byte> key)
    {
        var r = new BigInteger(key[..16], isUnsigned: true) & Clamp;
        var s = new BigInteger(key[16..32], isUnsigned: true);
        var accumulator = BigInteger.Zero;
        Span<byte> block = stackalloc byte[17];
        for (var offset = 0; offset < message.Length; offset += 16)
        {
            var length = Math.Min(16, message.Length - offset);
            block.Clear();
            message.Slice(offset, length).CopyTo(block);
            block[length] = 1;
            accumulator = (accumulator + new BigInteger(block[..(length + 1)], isUnsigned: true)) * r % Prime;
        }

        var tag = (accumulator + s) & ((BigInteger.One << 128) - 1);
        var output = new byte[16];
        tag.TryWriteBytes(output, out _, isUnsigned: true);
        return output;
    }
}
