using System.Text.Json;

namespace Slipway.Signing;

/// <summary>Reads an attestation predicate: a file holding one JSON object, kept byte for byte.</summary>
public static class PredicateFile
{
    public static byte[] Read(string path, string display)
    {
        if (!File.Exists(path))
        {
            throw SigningErrors.PredicateNotFound(display);
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw SigningErrors.PredicateNotObject(display);
            }
        }
        catch (JsonException e)
        {
            throw SigningErrors.PredicateNotJson(display, e.Message);
        }

        return bytes;
    }
}
