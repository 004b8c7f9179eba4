using System.Security.Cryptography;

namespace Slipway.Signing;

/// <summary>
/// NaCl <c>crypto_secretbox</c>: XSalsa20 encryption with a Poly1305 tag keyed by the first 32 bytes of the keystream.
/// The box is the 16-byte tag followed by the ciphertext (the layout Go's <c>secretbox.Seal</c> writes, which cosign uses).
/// </summary>
internal static class SecretBox
{
    public const int KeySize = 32;
    public const int NonceSize = 24;
    public const int TagSize = 16;

    public static byte[] Seal(ReadOnlySpan<byte> message, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        var stream = KeyStream(key, nonce, message.Length);
        var box = new byte[TagSize + message.Length];
        for (var i = 0; i < message.Length; i++)
        {
            box[TagSize + i] = (byte)(message[i] ^ stream[32 + i]);
        }

        Poly1305.Tag(box.AsSpan(TagSize), stream.AsSpan(0, 32)).CopyTo(box, 0);
        CryptographicOperations.ZeroMemory(stream);
        return box;
    }

    /// <summary>The message, or null when the tag does not verify (wrong key, or a changed box).</summary>
    public static byte[]? Open(ReadOnlySpan<byte> box, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        if (box.Length < TagSize)
        {
            return null;
        }

        var ciphertext = box[TagSize..];
        var stream = KeyStream(key, nonce, ciphertext.Length);
        try
        {
            var expected = Poly1305.Tag(ciphertext, stream.AsSpan(0, 32));
            if (!CryptographicOperations.FixedTimeEquals(expected, box[..TagSize]))
            {
                return null;
            }

            var message = new byte[ciphertext.Length];
            for (var i = 0; i < message.Length; i++)
            {
                message[i] = (byte)(ciphertext[i] ^ stream[32 + i]);
            }

            return message;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(stream);
        }
    }

    /// <summary>XSalsa20: HSalsa20 turns the key and the first 16 nonce bytes into a subkey for Salsa20 with the last 8.</summary>
    private static byte[] KeyStream(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, int messageLength)
    {
        if (key.Length != KeySize || nonce.Length != NonceSize)
        {
            throw new ArgumentException("secretbox needs a 32-byte key and a 24-byte nonce");
        }

        var subkey = Salsa20.HSalsa20(key, nonce[..16]);
        var stream = new byte[32 + messageLength];
        Salsa20.KeyStream(subkey, nonce[16..], stream);
        CryptographicOperations.ZeroMemory(subkey);
        return stream;
    }
}
