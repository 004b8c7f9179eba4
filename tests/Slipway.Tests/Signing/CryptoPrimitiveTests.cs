using System.Text;
using Slipway.Signing;

namespace Slipway.Tests.Signing;

public sealed class CryptoPrimitiveTests
{
    // RFC 7914 section 12 test vectors.
    [Theory]
    [InlineData("", "", 16, 1, 1, "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")]
    [InlineData("password", "NaCl", 1024, 8, 16, "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")]
    [InlineData("pleaseletmein", "SodiumChloride", 16384, 8, 1, "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")]
    public void Scrypt_matches_RFC_7914_vectors(string password, string salt, int n, int r, int p, string expected)
    {
        var key = Scrypt.DeriveKey(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), n, r, p, 64);

        Assert.Equal(expected, Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Poly1305_matches_RFC_8439_vector()
    {
        var key = Convert.FromHexString("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");

        var tag = Poly1305.Tag("Cryptographic Forum Research Group"u8, key);

        Assert.Equal("a8061dc1305136c6c22b8baf0c0127a9", Convert.ToHexStringLower(tag));
    }

    // The NaCl/libsodium crypto_secretbox vector (the "firstkey" box test): key, 24-byte nonce, 131-byte message.
    private static readonly byte[] FirstKey = Convert.FromHexString("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    private static readonly byte[] Nonce = Convert.FromHexString("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    private static readonly byte[] Message = Convert.FromHexString(
        "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705");
    private static readonly byte[] Box = Convert.FromHexString(
        "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5");

    [Fact]
    public void SecretBox_seal_matches_the_NaCl_vector()
    {
        Assert.Equal(Convert.ToHexStringLower(Box), Convert.ToHexStringLower(SecretBox.Seal(Message, Nonce, FirstKey)));
    }

    [Fact]
    public void SecretBox_open_recovers_the_NaCl_vector_message()
    {
        Assert.Equal(Message, SecretBox.Open(Box, Nonce, FirstKey));
    }

    [Fact]
    public void SecretBox_open_rejects_a_changed_box()
    {
        var changed = (byte[])Box.Clone();
        changed[^1] ^= 1;

        Assert.Null(SecretBox.Open(changed, Nonce, FirstKey));
    }
}
