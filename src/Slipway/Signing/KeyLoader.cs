using System.Security.Cryptography;
using Slipway.Diagnostics;

namespace Slipway.Signing;

/// <summary>
/// Reads signing and verification keys: PKCS#8 (<c>PRIVATE KEY</c>, or <c>ENCRYPTED PRIVATE KEY</c> with
/// <c>SLIPWAY_KEY_PASSWORD</c>), SEC 1 (<c>EC PRIVATE KEY</c>), cosign's encrypted key (with <c>COSIGN_PASSWORD</c>, else
/// <c>SLIPWAY_KEY_PASSWORD</c>), and SubjectPublicKeyInfo public keys. Only ECDSA P-256 is accepted.
/// </summary>
public static class KeyLoader
{
    public const string PasswordVariable = "SLIPWAY_KEY_PASSWORD";
    public const string CosignPasswordVariable = "COSIGN_PASSWORD";
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static KeySigner LoadSigner(KeyText text, IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);
        var (label, der) = ReadPem(text);
        var key = label switch
        {
            "PRIVATE KEY" => ImportPrivateDer(der, text.Source),
            "EC PRIVATE KEY" => ImportPrivateDer(der, text.Source),
            "ENCRYPTED PRIVATE KEY" => ImportEncryptedPkcs8(der, text.Source, environment, redactor),
            _ when CosignKeyFile.IsCosignLabel(label) => ImportCosign(der, text.Source, environment, redactor),
            "PUBLIC KEY" => throw SigningErrors.Unreadable(text.Source, "this is a public key; signing needs the private key"),
            _ => throw SigningErrors.Unreadable(text.Source, $"unsupported PEM block '{label}'"),
        };
        return new KeySigner(EnsureP256(key, text.Source), text.Source);
    }

    public static VerificationKey LoadVerificationKey(KeyText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (label, der) = ReadPem(text);
        if (label != "PUBLIC KEY")
        {
            throw SigningErrors.Unreadable(text.Source, $"expected a PUBLIC KEY PEM block, found '{label}'");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out _);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw SigningErrors.NotP256(text.Source, DescribeOther(der, isPublic: true));
        }

        return VerificationKey.FromEcdsa(EnsureP256(key, text.Source), text.Source);
    }

    private static (string Label, byte[] Der) ReadPem(KeyText text)
    {
        if (!PemEncoding.TryFind(text.Pem, out var fields))
        {
            throw SigningErrors.Unreadable(text.Source, "no PEM block found");
        }

        var label = text.Pem[fields.Label];
        try
        {
            return (label, Convert.FromBase64String(text.Pem[fields.Base64Data]));
        }
        catch (FormatException)
        {
            throw SigningErrors.Unreadable(text.Source, "the PEM body is not base64");
        }
    }

    private static ECDsa ImportPrivateDer(byte[] der, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(der, out _);
            return key;
        }
        catch (CryptographicException)
        {
        }

        try
        {
            key.ImportECPrivateKey(der, out _);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw SigningErrors.NotP256(source, DescribeOther(der, isPublic: false));
        }
    }

    private static ECDsa ImportEncryptedPkcs8(byte[] der, string source, IEnvironment environment, SecretRedactor redactor)
    {
        var password = environment.GetVariable(PasswordVariable) ?? throw SigningErrors.PasswordMissing(source, PasswordVariable);
        redactor.Register(password);
        var key = ECDsa.Create();
        try
        {
            key.ImportEncryptedPkcs8PrivateKey(password, der, out _);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
        }

        // The password may be right for a key of another kind: say so rather than blame the password.
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportEncryptedPkcs8PrivateKey(password, der, out _);
        }
        catch (CryptographicException)
        {
            throw SigningErrors.WrongPassword(source, PasswordVariable);
        }

        throw SigningErrors.NotP256(source, "an RSA key");
    }

    private static ECDsa ImportCosign(byte[] body, string source, IEnvironment environment, SecretRedactor redactor)
    {
        // cosign treats a set but empty COSIGN_PASSWORD as the empty password.
        var variable = environment.GetVariable(CosignPasswordVariable) is not null ? CosignPasswordVariable : PasswordVariable;
        var password = environment.GetVariable(variable) ?? throw SigningErrors.PasswordMissing(source, CosignPasswordVariable);
        redactor.Register(password);
        var der = CosignKeyFile.Decrypt(body, password, out var error);
        if (der is null)
        {
            throw error is null ? SigningErrors.WrongPassword(source, variable) : SigningErrors.Unreadable(source, error);
        }

        try
        {
            return ImportPrivateDer(der, source);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static ECDsa EnsureP256(ECDsa key, string source)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.Oid?.Value == P256Oid || curve.Oid?.FriendlyName is "nistP256" or "ECDSA_P256")
        {
            return key;
        }

        key.Dispose();
        throw SigningErrors.NotP256(source, $"ECDSA on {curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "an explicit curve"}");
    }

    private static string DescribeOther(byte[] der, bool isPublic)
    {
        using var rsa = RSA.Create();
        try
        {
            if (isPublic)
            {
                rsa.ImportSubjectPublicKeyInfo(der, out _);
            }
            else
            {
                rsa.ImportPkcs8PrivateKey(der, out _);
            }

            return $"an RSA-{rsa.KeySize} key";
        }
        catch (CryptographicException)
        {
            return "neither an ECDSA nor an RSA key (or it is malformed)";
        }
    }
}
