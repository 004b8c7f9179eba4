using System.Text.Json;

namespace Slipway.Oci;

/// <summary>Reads the platform fields (<c>os</c>, <c>architecture</c>, <c>variant</c>) of an image config blob.</summary>
public static class ImageConfig
{
    public static Platform? ReadPlatform(byte[] config)
    {
        try
        {
            using var json = JsonDocument.Parse(config);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("os", out var os) || os.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("architecture", out var arch) || arch.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var variant = root.TryGetProperty("variant", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new Platform(os.GetString()!, arch.GetString()!, variant);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
