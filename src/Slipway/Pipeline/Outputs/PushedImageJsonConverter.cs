using System.Text.Json;
using System.Text.Json.Serialization;
using Slipway.Oci;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// <see cref="PushedImage"/> in the shape the journal and <c>slipway status --json</c> have always had:
/// <c>platforms</c> lists the platform names, <c>platformDigests</c> maps each to its manifest digest (a run journaled
/// before that map existed gives every platform the image's digest).
/// </summary>
public sealed class PushedImageJsonConverter : JsonConverter<PushedImage>
{
    public override PushedImage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var image = document.RootElement;
        if (image.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"an image is an object, not {image.ValueKind}");
        }

        var digest = DigestOf(Required(image, "digest"));
        var digests = image.TryGetProperty("platformDigests", out var map) && map.ValueKind == JsonValueKind.Object ? map : (JsonElement?)null;
        var platforms = Strings(Required(image, "platforms"), "platforms")
            .Select(p => new PlatformDigest(p, digests is { } d && d.TryGetProperty(p, out var at) ? DigestOf(at) : digest))
            .ToList();
        var repository = Required(image, "repository");
        return new PushedImage(
            repository.ValueKind == JsonValueKind.String ? repository.GetString()! : throw new JsonException("an image's repository is not a string"),
            digest,
            platforms,
            Strings(Required(image, "tags"), "tags"));
    }

    public override void Write(Utf8JsonWriter writer, PushedImage value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("repository", value.Repository);
        writer.WriteString("digest", value.Digest.ToString());
        writer.WriteStartArray("platforms");
        foreach (var platform in value.Platforms)
        {
            writer.WriteStringValue(platform.Platform);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("tags");
        foreach (var tag in value.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("platformDigests");
        foreach (var platform in value.Platforms)
        {
            writer.WriteString(platform.Platform, platform.Digest.ToString());
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static JsonElement Required(JsonElement image, string name) =>
        image.TryGetProperty(name, out var value) ? value : throw new JsonException($"an image has no '{name}'");

    private static Digest DigestOf(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return Digest.TryParse(text, out var digest, out var error) ? digest : throw new JsonException($"an image's digest '{text}' {error}");
    }

    private static List<string> Strings(JsonElement array, string name) =>
        array.ValueKind == JsonValueKind.Array && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. array.EnumerateArray().Select(e => e.GetString()!)]
            : throw new JsonException($"an image's '{name}' is not a list of strings");
}
