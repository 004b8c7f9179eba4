using System.Security.Cryptography;
using Slipway.Diagnostics;

namespace Slipway.Signing;

/// <summary><c>slipway key generate</c>: an ECDSA P-256 pair as <c>PREFIX.key</c> and <c>PREFIX.pub</c>.</summary>
public static class KeyPairGenerator
{
    // PBKDF2-HMAC-SHA256 iterations for an encrypted PKCS#8 key (OWASP's 2023 recommendation for this hash).
    private const int Pbkdf2Iterations = 600_000;

    public sealed record Result(string PrivateKeyPath, string PublicKeyPath, bool Encrypted, string Format);

    /// <summary>
    /// Writes the pair. The private key is PKCS#8, encrypted (PBES2, AES-256-CBC) when <c>SLIPWAY_KEY_PASSWORD</c> is
    /// set; with <paramref name="cosignFormat"/> it is cosign's <c>ENCRYPTED SIGSTORE PRIVATE KEY</c>, which needs a password.
    /// Existing files are never overwritten.
    /// </summary>
    public static Result Generate(string prefix, bool cosignFormat, IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);
        var privatePath = prefix + ".key";
        var publicPath = prefix + ".pub";
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (File.Exists(path))
            {
                throw SigningErrors.OutputExists(path);
            }
        }

        var password = environment.GetVariable(cosignFormat ? KeyLoader.CosignPasswordVariable : KeyLoader.PasswordVariable)
            ?? (cosignFormat ? environment.GetVariable(KeyLoader.PasswordVariable) : null);
        if (cosignFormat && password is null)
        {
            throw SigningErrors.PasswordMissing(privatePath, KeyLoader.CosignPasswordVariable);
        }

        redactor.Register(password);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string privatePem;
        if (cosignFormat)
        {
            var der = key.ExportPkcs8PrivateKey();
            privatePem = CosignKeyFile.Encrypt(der, password!);
            CryptographicOperations.ZeroMemory(der);
        }
        else if (password is not null)
        {
            var parameters = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Pbkdf2Iterations);
            privatePem = key.ExportEncryptedPkcs8PrivateKeyPem(password, parameters) + "\n";
        }
        else
        {
            privatePem = key.ExportPkcs8PrivateKeyPem() + "\n";
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(privatePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(privatePath, System.Text.Encoding.ASCII, options))
        {
            writer.Write(privatePem);
        }

        File.WriteAllText(publicPath, key.ExportSubjectPublicKeyInfoPem() + "\n");
        var format = cosignFormat ? "cosign" : password is null ? "pkcs8" : "pkcs8-encrypted";
        return new Result(privatePath, publicPath, password is not null, format);
    }
}
