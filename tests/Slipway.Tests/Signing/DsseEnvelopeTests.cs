using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Slipway.Signing;

namespace Slipway.Tests.Signing;

public sealed class DsseEnvelopeTests
{
    [Fact]
    public void PAE_matches_the_DSSE_spec_test_vector()
    {
        var pae = DsseEnvelope.Pae("http://example.com/HelloWorld", "hello world"u8);

        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void The_DSSE_spec_vector_signature_verifies_over_our_PAE_and_fails_for_another_type()
    {
        // protocol.md "Test Vectors": ECDSA P-256/SHA-256, signature as raw r||s, public point X, Y in decimal.
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = Coordinate("46950820868899156662930047687818585632848591499744589407958293238635476079160"),
                Y = Coordinate("5640078356564379163099075877009565129882514886557779369047442380624545832820"),
            },
        };
        using var key = ECDsa.Create(parameters);
        var envelope = """{"payload": "aGVsbG8gd29ybGQ=", "payloadType": "http://example.com/HelloWorld", "signatures": [{"sig": "A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA=="}]}"""u8;

        Assert.True(DsseEnvelope.TryParse(envelope, out var parsed, out var error), error);
        var signature = parsed!.Signatures[0].Signature;
        Assert.True(key.VerifyData(parsed.PreAuthenticationEncoding(), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(key.VerifyData(DsseEnvelope.Pae("http://example.com/Other", "hello world"u8), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Envelopes_round_trip_and_accept_url_safe_base64()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeySigner(ecdsa, "test");
        var envelope = DsseEnvelope.Sign(InTotoStatement.PayloadType, [0xfb, 0xff, 0xfe], signer);
        static string UrlSafe(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var urlSafe = $$"""{"payloadType":"{{envelope.PayloadType}}","payload":"{{UrlSafe(envelope.Payload)}}","signatures":[{"sig":"{{UrlSafe(envelope.Signatures[0].Signature)}}"}]}""";

        Assert.True(DsseEnvelope.TryParse(Encoding.UTF8.GetBytes(urlSafe), out var parsed, out _));
        Assert.Equal(envelope.Payload, parsed!.Payload);
        Assert.True(parsed.IsSignedBy(signer.PublicKey));
    }

    private static byte[] Coordinate(string decimalText)
    {
        var bytes = BigInteger.Parse(decimalText, System.Globalization.CultureInfo.InvariantCulture).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - bytes.Length], .. bytes];
    }
}
