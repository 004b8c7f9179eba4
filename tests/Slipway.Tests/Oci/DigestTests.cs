using System.Text;
using Slipway.Oci;

namespace Slipway.Tests.Oci;

public sealed class DigestTests
{
    [Fact]
    public void Sha256_of_content_is_lowercase_hex_with_its_algorithm()
    {
        var digest = Digest.Sha256(Encoding.UTF8.GetBytes("{}"));

        Assert.Equal("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", digest.ToString());
        Assert.Equal("sha256-44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", digest.TagSafe);
    }

    [Theory]
    [InlineData("sha256:abc", "3 hex digits")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", "algorithm 'md5'")]
    [InlineData("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "no algorithm")]
    [InlineData("sha256:44136FA355B3678A1146AD16F7E8649E94FB4FC21FE77E8310C060F61CAAFF8A", "lowercase")]
    [InlineData("sha256:zz136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "lowercase hexadecimal")]
    public void Refuses_malformed_digests(string text, string reason)
    {
        Assert.False(Digest.TryParse(text, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_digests_compare_equal() =>
        Assert.Equal(Digest.Parse("sha256:" + new string('b', 64)), Digest.Parse("sha256:" + new string('b', 64)));
}
