using System.Text;
using Slipway.Packages.PyPI;

namespace Slipway.Tests.Packages.PyPI;

public sealed class Blake2bTests
{
    [Fact]
    public void Matches_the_RFC_7693_appendix_A_vector()
    {
        var hash = Blake2b.HashData("abc"u8, 64);

        Assert.Equal(
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
            Convert.ToHexStringLower(hash));
    }

    // RFC 7693 appendix E: digests of every length in {20, 32, 48, 64} over generated inputs of {0, 3, 128, 129, 255, 1024}
    // bytes, unkeyed and keyed, hashed together with BLAKE2b-256, give this grand hash.
    [Fact]
    public void Passes_the_RFC_7693_appendix_E_self_test()
    {
        var grand = new Blake2b(32);
        foreach (var outlen in new[] { 20, 32, 48, 64 })
        {
            foreach (var inlen in new[] { 0, 3, 128, 129, 255, 1024 })
            {
                var data = SelfTestSequence(inlen, (uint)inlen);
                grand.Append(Blake2b.HashData(data, outlen));
                grand.Append(Blake2b.HashData(data, outlen, SelfTestSequence(outlen, (uint)outlen)));
            }
        }

        Assert.Equal("c23a7800d98123bd10f506c61e29da5603d763b8bbad2e737f5e765a7bccd475", Convert.ToHexStringLower(grand.GetHashAndReset()));
    }

    private static byte[] SelfTestSequence(int length, uint seed)
    {
        var output = new byte[length];
        var a = 0xDEAD4BADu * seed;
        var b = 1u;
        for (var i = 0; i < length; i++)
        {
            var t = a + b;
            a = b;
            b = t;
            output[i] = (byte)(t >> 24);
        }

        return output;
    }

    [Theory]
    [InlineData("", 32, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")]
    [InlineData("abc", 32, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319")]
    public void Blake2b_256_matches_hashlib(string text, int size, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Blake2b.HashData(Encoding.ASCII.GetBytes(text), size)));

    [Fact]
    public void Exactly_one_block_and_blocks_fed_in_pieces_hash_as_one_buffer()
    {
        Assert.Equal("378d0caaaa3855f1b38693c1d6ef004fd118691c95c959d4efa950d6d6fcf7c1", Convert.ToHexStringLower(Blake2b.HashData(new byte[128], 32)));

        var data = Enumerable.Range(0, 5).SelectMany(_ => Enumerable.Range(0, 256).Select(i => (byte)i)).ToArray();
        var pieces = new Blake2b(32);
        foreach (var chunk in data.Chunk(77))
        {
            pieces.Append(chunk);
        }

        Assert.Equal("82628cbfc9689e234b0923a531f4578fe2e7138a03e2f81ed6cde97517336650", Convert.ToHexStringLower(pieces.GetHashAndReset()));
        Assert.Equal(Blake2b.HashData(data, 32), Blake2b.HashData(data, 32));
    }
}
