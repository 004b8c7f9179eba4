using System.Security.Cryptography;
using Slipway.Diagnostics;
using Slipway.Signing;

namespace Slipway.Tests.Signing;

public sealed class CosignKeyFileTests
{
    // Published by sigstore/cosign in pkg/cosign/keys_test.go (pemsigstorekey, pemcosigneckey), password "hello":
    // cosign's own test reads both with that password, so decrypting them here checks scrypt, XSalsa20 and Poly1305
    // against keys cosign wrote.
    private const string SigstoreKey = """
        -----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----
        eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjozMjc2OCwiciI6
        OCwicCI6MX0sInNhbHQiOiI3T3VGd2VsbWZZNXVId2NoaURSc210anNwZ2ZlZjFG
        Mk5lOGFDTjVLYVpZPSJ9LCJjaXBoZXIiOnsibmFtZSI6Im5hY2wvc2VjcmV0Ym94
        Iiwibm9uY2UiOiJQNHk4OGhCb3ZTa09MbXN0bFVBaGJwdDJ0K2xTNUxQSCJ9LCJj
        aXBoZXJ0ZXh0IjoiMnB1QzdyZldJOWh3bnJlQ2s4aUZDRlVwQlRrSzRJNlIvbFBF
        cnBDekpXUGpJWXl4eGVIL1A2VW52cFJHdVhla1NNb3JMdGhLamdoQ1JlNy82NDVH
        QWtoVm1LRC92eEF0S2EvbE1abENSQ3FlekJGUFd1dzNpeFRtZ2xhb2J1ZFVSbUVs
        bmNGOGlZbzBTMVl6Y1ZOMVFwY2J2c0dNcUlYRzVlbmdteGp5dCtBcXlyZTF0Q0Y0
        V01tU1BlaEljNlBqd2h1Q2xHaVpJUWRvTGc9PSJ9
        -----END ENCRYPTED SIGSTORE PRIVATE KEY-----
        """;

    private const string LegacyCosignEcKey = """
        -----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----
        eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjo2NTUzNiwiciI6
        OCwicCI6MX0sInNhbHQiOiJHK3F5WTYrNzhNS0JzMXNGTGs1ajYwcS9kS3Z1czBW
        VkhlSHZybC9POTF3PSJ9LCJjaXBoZXIiOnsibmFtZSI6Im5hY2wvc2VjcmV0Ym94
        Iiwibm9uY2UiOiJRc2JGdG13WDRDK2ttV3ZCcVRaMEFGOUFYdk1jRmg1SCJ9LCJj
        aXBoZXJ0ZXh0IjoiREM5T28zeldiYVQzSXYwdFVnWEdycjUxYW1samwwNlQ5MTNP
        VkxPbWpuMWhnK2o2WXRUbWg3SGhZSlY1N2J5eGE0Q281bE9YYmRqbTJ3aklubEd1
        Um5aZCt5OExnekpSNzFSeEhKVzgrWmRlcFJmYWJMTjdHbDgrSFZEcERVQ3NxQnRh
        VngyblpGbFEwWUl1anZwbFphblNGaUVvdERLVGkxZ3VhUXIwUHNzYU01NXZxbTRY
        WS9rPSJ9
        -----END ENCRYPTED COSIGN PRIVATE KEY-----
        """;

    [Fact]
    public void Decrypts_the_key_cosign_publishes_in_its_tests()
    {
        var der = Decrypt(SigstoreKey, "hello");

        Assert.NotNull(der);
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(der, out _);
        Assert.Equal("1.2.840.10045.3.1.7", key.ExportParameters(false).Curve.Oid.Value);
    }

    [Fact]
    public void Loads_cosigns_published_key_as_a_signer_with_COSIGN_PASSWORD()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["COSIGN_PASSWORD"] = "hello" });

        using var signer = KeyLoader.LoadSigner(new KeyText(SigstoreKey, "cosign.key"), environment, new SecretRedactor());

        var signature = signer.Sign("payload"u8).Signature;
        Assert.True(signer.PublicKey.Verify("payload"u8, signature));
    }

    [Fact]
    public void Decrypting_with_the_wrong_password_fails_the_tag()
    {
        Assert.Null(Decrypt(SigstoreKey, "wrong"));
    }

    [Fact]
    public void Loading_with_the_wrong_password_is_bad_input()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["COSIGN_PASSWORD"] = "wrong" });

        var error = Assert.Throws<SlipwayException>(() => KeyLoader.LoadSigner(new KeyText(SigstoreKey, "cosign.key"), environment, new SecretRedactor()));

        Assert.Equal(ErrorCode.KeyPasswordWrong, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
    }

    [Fact]
    public void Encrypt_writes_cosigns_json_fields_and_round_trips()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = key.ExportPkcs8PrivateKey();

        var pem = CosignKeyFile.Encrypt(der, "s3cret", n: 1024);

        Assert.StartsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----", pem, StringComparison.Ordinal);
        var body = Body(pem);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("scrypt", root.GetProperty("kdf").GetProperty("name").GetString());
        Assert.Equal(1024, root.GetProperty("kdf").GetProperty("params").GetProperty("N").GetInt32());
        Assert.Equal(8, root.GetProperty("kdf").GetProperty("params").GetProperty("r").GetInt32());
        Assert.Equal(1, root.GetProperty("kdf").GetProperty("params").GetProperty("p").GetInt32());
        Assert.Equal(32, Convert.FromBase64String(root.GetProperty("kdf").GetProperty("salt").GetString()!).Length);
        Assert.Equal("nacl/secretbox", root.GetProperty("cipher").GetProperty("name").GetString());
        Assert.Equal(24, Convert.FromBase64String(root.GetProperty("cipher").GetProperty("nonce").GetString()!).Length);
        Assert.Equal(der.Length + 16, Convert.FromBase64String(root.GetProperty("ciphertext").GetString()!).Length);
        Assert.Equal(der, Decrypt(pem, "s3cret"));
    }

    [Fact]
    public void Encrypt_writes_the_same_JSON_layout_as_cosign()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var ours = Layout(Body(CosignKeyFile.Encrypt(key.ExportPkcs8PrivateKey(), "pw", n: 1024)));

        Assert.Equal(Layout(Body(SigstoreKey)), ours);
    }

    [Fact]
    public void A_legacy_cosign_label_with_a_SEC1_key_inside_loads()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["COSIGN_PASSWORD"] = "hello" });

        var der = Decrypt(LegacyCosignEcKey, "hello");

        Assert.NotNull(der);
        using var signer = KeyLoader.LoadSigner(new KeyText(LegacyCosignEcKey, "legacy.key"), environment, new SecretRedactor());
        Assert.Equal("key legacy.key", signer.Description);
    }

    /// <summary>Every property path in document order, e.g. <c>kdf.params.N</c>.</summary>
    private static List<string> Layout(byte[] json)
    {
        var paths = new List<string>();
        void Walk(System.Text.Json.JsonElement element, string prefix)
        {
            foreach (var property in element.EnumerateObject())
            {
                paths.Add(prefix + property.Name);
                if (property.Value.ValueKind == System.Text.Json.JsonValueKind.Object)
                {
                    Walk(property.Value, prefix + property.Name + ".");
                }
            }
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        Walk(document.RootElement, string.Empty);
        return paths;
    }

    private static byte[]? Decrypt(string pem, string password) => CosignKeyFile.Decrypt(Body(pem), password, out _);

    private static byte[] Body(string pem)
    {
        var fields = PemEncoding.Find(pem);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }
}
