using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Slipway.Signing;

/// <summary>
/// cosign's encrypted private key: a PEM block (<c>ENCRYPTED SIGSTORE PRIVATE KEY</c>, formerly
/// <c>ENCRYPTED COSIGN PRIVATE KEY</c>) whose body is JSON from go-securesystemslib's <c>encrypted</c> package:
/// <c>{"kdf":{"name":"scrypt","params":{"N":..,"r":..,"p":..},"salt":B64},"cipher":{"name":"nacl/secretbox","nonce":B64},"ciphertext":B64}</c>.
/// The key-encryption key is scrypt(password, salt, N, r, p, 32); the ciphertext is a secretbox of the DER private key.
/// </summary>
public static class CosignKeyFile
{
    public const string Label = "ENCRYPTED SIGSTORE PRIVATE KEY";
    public const string LegacyLabel = "ENCRYPTED COSIGN PRIVATE KEY";

    // cosign's defaults when it writes a key.
    private const int DefaultN = 32768;
    private const int DefaultR = 8;
    private const int DefaultP = 1;

    public static bool IsCosignLabel(string label) => label is Label or LegacyLabel;

    /// <summary>The DER key inside, or null when the password is wrong (the secretbox tag does not verify).</summary>
    public static byte[]? Decrypt(ReadOnlySpan<byte> body, string password, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            var kdf = root.GetProperty("kdf");
            var cipher = root.GetProperty("cipher");
            if (kdf.GetProperty("name").GetString() != "scrypt" || cipher.GetProperty("name").GetString() != "nacl/secretbox")
            {
                error = $"unsupported kdf '{kdf.GetProperty("name")}' or cipher '{cipher.GetProperty("name")}'";
                return null;
            }

            var parameters = kdf.GetProperty("params");
            var salt = Convert.FromBase64String(kdf.GetProperty("salt").GetString() ?? string.Empty);
            var nonce = Convert.FromBase64String(cipher.GetProperty("nonce").GetString() ?? string.Empty);
            var ciphertext = Convert.FromBase64String(root.GetProperty("ciphertext").GetString() ?? string.Empty);
            if (nonce.Length != SecretBox.NonceSize)
            {
                error = $"the nonce has {nonce.Length} bytes, not {SecretBox.NonceSize}";
                return null;
            }

            var key = Scrypt.DeriveKey(
                Encoding.UTF8.GetBytes(password),
                salt,
                parameters.GetProperty("N").GetInt32(),
                parameters.GetProperty("r").GetInt32(),
                parameters.GetProperty("p").GetInt32(),
                SecretBox.KeySize);
            try
            {
                return SecretBox.Open(ciphertext, nonce, key);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            error = $"malformed cosign key: {e.Message}";
            return null;
        }
    }

    /// <summary>Writes <paramref name="der"/> the way <c>cosign generate-key-pair</c> does, so cosign can read the key.</summary>
    public static string Encrypt(ReadOnlySpan<byte> der, string password, int n = DefaultN, int r = DefaultR, int p = DefaultP)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(SecretBox.NonceSize);
        var key = Scrypt.DeriveKey(Encoding.UTF8.GetBytes(password), salt, n, r, p, SecretBox.KeySize);
        var box = SecretBox.Seal(der, nonce, key);
        CryptographicOperations.ZeroMemory(key);
        var json = SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("kdf");
            writer.WriteString("name", "scrypt");
            writer.WriteStartObject("params");
            writer.WriteNumber("N", n);
            writer.WriteNumber("r", r);
            writer.WriteNumber("p", p);
            writer.WriteEndObject();
            writer.WriteString("salt", Convert.ToBase64String(salt));
            writer.WriteEndObject();
            writer.WriteStartObject("cipher");
            writer.WriteString("name", "nacl/secretbox");
            writer.WriteString("nonce", Convert.ToBase64String(nonce));
            writer.WriteEndObject();
            writer.WriteString("ciphertext", Convert.ToBase64String(box));
            writer.WriteEndObject();
        });

        return new string(PemEncoding.Write(Label, json)) + "\n";
    }
}
