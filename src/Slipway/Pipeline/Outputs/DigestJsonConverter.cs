using System.Text.Json;
using System.Text.Json.Serialization;
using Slipway.Oci;

namespace Slipway.Pipeline.Outputs;

/// <summary>A digest as its <c>algorithm:hex</c> text; a journaled value that is not one is refused, never kept as text.</summary>
public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"a digest is a string, not {reader.TokenType}");
        }

        var text = reader.GetString();
        return Digest.TryParse(text, out var digest, out var error) ? digest : throw new JsonException($"digest '{text}' {error}");
    }

    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
