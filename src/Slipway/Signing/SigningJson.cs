using System.Text.Encodings.Web;
using System.Text.Json;

namespace Slipway.Signing;

/// <summary>
/// How signed documents are written: compact, and without the default encoder's HTML escaping (which turns <c>+</c>
/// into <c>\u002B</c>), so payloads read the way cosign and other tools write them.
/// </summary>
internal static class SigningJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
