using System.Text.Json;

namespace Slipway.Signing;

/// <summary>
/// An in-toto Statement v1 (in-toto/attestation spec/v1/statement.md): subjects, a predicate type and the predicate.
/// </summary>
public sealed record InTotoStatement(IReadOnlyList<InTotoSubject> Subjects, string PredicateType, byte[] Predicate)
{
    public const string Type = "https://in-toto.io/Statement/v1";
    public const string PayloadType = "application/vnd.in-toto+json";

    /// <summary>The statement's JSON; <see cref="Predicate"/> must be one JSON object and is written as it is.</summary>
    public byte[] ToJson()
    {
        return SigningJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("_type", Type);
            writer.WriteStartArray("subject");
            foreach (var subject in Subjects)
            {
                writer.WriteStartObject();
                if (subject.Name.Length > 0)
                {
                    writer.WriteString("name", subject.Name);
                }

                writer.WriteStartObject("digest");
                writer.WriteString("sha256", subject.Sha256);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("predicateType", PredicateType);
            writer.WritePropertyName("predicate");
            writer.WriteRawValue(Predicate, skipInputValidation: false);
            writer.WriteEndObject();
        });
    }

    public static bool TryParse(ReadOnlySpan<byte> json, out InTotoStatement? statement, out string error)
    {
        statement = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var type = root.GetProperty("_type").GetString();
            if (type != Type)
            {
                error = $"the statement's _type is '{type}', not '{Type}'";
                return false;
            }

            var subjects = new List<InTotoSubject>();
            foreach (var subject in root.GetProperty("subject").EnumerateArray())
            {
                var name = subject.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty;
                var sha256 = subject.GetProperty("digest").TryGetProperty("sha256", out var d) ? d.GetString() ?? string.Empty : string.Empty;
                subjects.Add(new InTotoSubject(name, sha256));
            }

            var predicateType = root.GetProperty("predicateType").GetString() ?? string.Empty;
            var predicate = root.TryGetProperty("predicate", out var p) ? JsonSerializerRaw(p) : "{}"u8.ToArray();
            statement = new InTotoStatement(subjects, predicateType, predicate);
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            error = $"not an in-toto statement: {e.Message}";
            return false;
        }
    }

    private static byte[] JsonSerializerRaw(JsonElement element)
    {
        return SigningJson.Write(writer =>
        {
            element.WriteTo(writer);
        });
    }
}
