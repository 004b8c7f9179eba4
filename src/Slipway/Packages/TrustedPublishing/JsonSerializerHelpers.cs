using System.Text.Json;

namespace Slipway.Packages.TrustedPublishing;

/// <summary>A flat JSON object of string properties, written without reflection (the CLI is published with Native AOT).</summary>
internal static class JsonSerializerHelpers
{
    public static string Object(params (string Name, string Value)[] properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
