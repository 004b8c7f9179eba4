using System.Security.Cryptography;
using Slipway.Diagnostics;
using Slipway.Signing;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Signing;

public sealed class KeyLoaderTests
{
    private static readonly SecretRedactor Redactor = new();

    [Fact]
    public void Generated_unencrypted_key_signs_and_its_public_key_verifies()
    {
        using var directory = new TempDirectory("keys");
        var result = KeyPairGenerator.Generate(directory["k"], cosignFormat: false, Environment(), Redactor);

        using var signer = KeyLoader.LoadSigner(KeyText.Read("k.key", directory.Path, Environment(), Redactor), Environment(), Redactor);
        using var verifier = KeyLoader.LoadVerificationKey(KeyText.Read("k.pub", directory.Path, Environment(), Redactor));

        Assert.False(result.Encrypted);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", directory.Read("k.key"), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", directory.Read("k.pub"), StringComparison.Ordinal);
        Assert.True(verifier.Verify("data"u8, signer.Sign("data"u8).Signature));
        Assert.False(verifier.Verify("other"u8, signer.Sign("data"u8).Signature));
    }

    [Fact]
    public void An_encrypted_key_is_PKCS8_that_openssl_opens_with_the_password()
    {
        using var directory = new TempDirectory("keys");
        var environment = Environment(("SLIPWAY_KEY_PASSWORD", "correct horse"));
        KeyPairGenerator.Generate(directory["k"], cosignFormat: false, environment, Redactor);

        var openssl = ProcessRunner.Run("openssl", ["pkey", "-in", directory["k.key"], "-passin", "pass:correct horse", "-pubout"]);

        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", directory.Read("k.key"), StringComparison.Ordinal);
        Assert.Equal(0, openssl.ExitCode);
        Assert.Equal(directory.Read("k.pub").Trim(), openssl.Out.Trim());
        using var signer = KeyLoader.LoadSigner(KeyText.Read("k.key", directory.Path, environment, Redactor), environment, Redactor);
    }

    [Fact]
    public void An_encrypted_key_without_its_password_is_bad_input()
    {
        using var directory = new TempDirectory("keys");
        KeyPairGenerator.Generate(directory["k"], cosignFormat: false, Environment(("SLIPWAY_KEY_PASSWORD", "pw-1234")), Redactor);

        var error = Assert.Throws<SlipwayException>(() => KeyLoader.LoadSigner(KeyText.Read("k.key", directory.Path, Environment(), Redactor), Environment(), Redactor));

        Assert.Equal((ErrorCode.KeyPasswordMissing, 2), (error.Code, error.ExitCode));
    }

    [Fact]
    public void A_cosign_format_key_written_by_key_generate_loads_with_COSIGN_PASSWORD()
    {
        using var directory = new TempDirectory("keys");
        var environment = Environment(("COSIGN_PASSWORD", "pw-5678"));
        KeyPairGenerator.Generate(directory["c"], cosignFormat: true, environment, Redactor);

        using var signer = KeyLoader.LoadSigner(KeyText.Read("c.key", directory.Path, environment, Redactor), environment, Redactor);
        using var verifier = KeyLoader.LoadVerificationKey(KeyText.Read("c.pub", directory.Path, environment, Redactor));

        Assert.StartsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----", directory.Read("c.key"), StringComparison.Ordinal);
        Assert.True(verifier.Verify("x"u8, signer.Sign("x"u8).Signature));
    }

    [Fact]
    public void A_key_from_an_environment_variable_loads_and_its_lines_are_redacted()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = ecdsa.ExportPkcs8PrivateKeyPem();
        var redactor = new SecretRedactor();

        using var signer = KeyLoader.LoadSigner(KeyText.Read("env:SIGNING_KEY", "/", Environment(("SIGNING_KEY", pem)), redactor), Environment(), redactor);

        Assert.Equal("key env:SIGNING_KEY", signer.Description);
        Assert.DoesNotContain(pem.Split('\n')[1], redactor.Redact(pem), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p384")]
    [InlineData("rsa")]
    public void A_private_key_that_is_not_P256_is_bad_input(string kind)
    {
        using AsymmetricAlgorithm key = kind == "rsa" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var error = Assert.Throws<SlipwayException>(() => KeyLoader.LoadSigner(new KeyText(key.ExportPkcs8PrivateKeyPem(), "k.key"), Environment(), Redactor));

        Assert.Equal((ErrorCode.KeyNotEcdsaP256, 2), (error.Code, error.ExitCode));
    }

    [Fact]
    public void A_public_key_is_not_a_signing_key()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var error = Assert.Throws<SlipwayException>(() => KeyLoader.LoadSigner(new KeyText(ecdsa.ExportSubjectPublicKeyInfoPem(), "k.pub"), Environment(), Redactor));

        Assert.Equal(ErrorCode.KeyUnreadable, error.Code);
    }

    [Fact]
    public void Key_generate_refuses_to_overwrite_and_changes_nothing()
    {
        using var directory = new TempDirectory("keys");
        directory.Write("k.pub", "keep me");

        var error = Assert.Throws<SlipwayException>(() => KeyPairGenerator.Generate(directory["k"], cosignFormat: false, Environment(), Redactor));

        Assert.Equal((ErrorCode.KeyOutputExists, 2), (error.Code, error.ExitCode));
        Assert.Equal("keep me", directory.Read("k.pub"));
        Assert.False(File.Exists(directory["k.key"]));
    }

    private static DictionaryEnvironment Environment(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value));
}
