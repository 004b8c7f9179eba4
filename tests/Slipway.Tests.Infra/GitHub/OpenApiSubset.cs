using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Slipway.Tests.Infra.GitHub;

/// <summary>
/// The operations of GitHub's OpenAPI description the forge uses (tests/Slipway.Tests/TestData/github-openapi), with a
/// validator for the JSON-Schema keywords that subset uses: <c>type</c> (and type arrays), <c>properties</c>,
/// <c>required</c>, <c>enum</c>, <c>items</c>, <c>anyOf</c>, <c>additionalProperties: false</c> and <c>$ref</c>.
/// </summary>
public sealed class OpenApiSubset
{
    private readonly JsonObject _document;
    private readonly List<(string Method, Regex Path, JsonObject Operation, string Name)> _operations = [];

    private OpenApiSubset(JsonObject document)
    {
        _document = document;
        foreach (var (name, operation) in document["operations"]!.AsObject())
        {
            var space = name.IndexOf(' ', StringComparison.Ordinal);
            // GitHub marks {ref} x-multi-segment: "tags/v1.2.3" is one parameter; every other parameter is one segment.
            var escaped = Regex.Escape(name[(space + 1)..]).Replace(@"\{ref}", ".+", StringComparison.Ordinal);
            var pattern = "^" + Regex.Replace(escaped, @"\\\{[a-z_]+}", "[^/]+") + "$";
            _operations.Add((name[..space], new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), operation!.AsObject(), name));
        }
    }

    public static OpenApiSubset Load() =>
        new(JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "tests", "Slipway.Tests", "TestData", "github-openapi", "subset.json")))!.AsObject());

    /// <summary>What is wrong with a request: an operation outside the subset, a missing or unknown-valued query parameter, a body off its schema.</summary>
    public IReadOnlyList<string> CheckRequest(string method, string path, System.Collections.Specialized.NameValueCollection query, JsonNode? body)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Find(method, path) is not { } found)
        {
            return [$"{method} {path} is not an operation of the subset"];
        }

        var errors = new List<string>();
        foreach (var name in found.Operation["query"]?["required"]?.AsArray() ?? [])
        {
            if (query[(string)name!] is null)
            {
                errors.Add($"{found.Name}: query parameter '{name}' is required");
            }
        }

        foreach (var (name, values) in found.Operation["query"]?["enum"]?.AsObject() ?? [])
        {
            if (query[name] is { } given && !values!.AsArray().Any(v => (string)v! == given))
            {
                errors.Add($"{found.Name}: query parameter '{name}' is '{given}', not one of {values.ToJsonString()}");
            }
        }

        if (found.Operation["request"] is JsonObject schema)
        {
            Check(schema, body, $"{found.Name} request", errors);
        }

        return errors;
    }

    public IReadOnlyList<string> CheckResponse(string method, string path, int status, JsonNode? body)
    {
        if (Find(method, path) is not { } found || status >= 400)
        {
            return [];
        }

        if (found.Operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject schema)
        {
            return [$"{found.Name}: status {status} is not a documented answer"];
        }

        var errors = new List<string>();
        if (schema.Count > 0)
        {
            Check(schema, body, $"{found.Name} {status}", errors);
        }

        return errors;
    }

    private (JsonObject Operation, string Name)? Find(string method, string path)
    {
        foreach (var operation in _operations)
        {
            if (operation.Method == method && operation.Path.IsMatch(path))
            {
                return (operation.Operation, operation.Name);
            }
        }

        return null;
    }

    private void Check(JsonObject schema, JsonNode? value, string at, List<string> errors)
    {
        if (schema["$ref"] is { } reference)
        {
            var name = ((string)reference!)["#/schemas/".Length..];
            Check(_document["schemas"]![name]!.AsObject(), value, at, errors);
            return;
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            if (!anyOf.Any(option => { var inner = new List<string>(); Check(option!.AsObject(), value, at, inner); return inner.Count == 0; }))
            {
                errors.Add($"{at}: matches none of anyOf");
            }

            return;
        }

        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray many ? many.Select(t => (string)t!).ToList() : [(string)type!];
            if (!allowed.Contains(TypeOf(value)) && !(TypeOf(value) == "integer" && allowed.Contains("number")))
            {
                errors.Add($"{at}: is {TypeOf(value)}, not {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            errors.Add($"{at}: {value?.ToJsonString()} is not one of {values.ToJsonString()}");
        }

        if (value is JsonObject obj)
        {
            foreach (var name in schema["required"]?.AsArray() ?? [])
            {
                if (!obj.ContainsKey((string)name!))
                {
                    errors.Add($"{at}: '{name}' is required");
                }
            }

            var properties = schema["properties"]?.AsObject();
            foreach (var (name, child) in obj)
            {
                if (properties?[name] is JsonObject property)
                {
                    Check(property, child, $"{at}.{name}", errors);
                }
                else if (schema["additionalProperties"] is JsonValue closed && !(bool)closed)
                {
                    errors.Add($"{at}: '{name}' is not a property of the schema");
                }
            }
        }

        if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(items, array[i], $"{at}[{i}]", errors);
            }
        }
    }

    private static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<long>(out _) || v.TryGetValue<int>(out _) => "integer",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => Math.Abs(v.GetValue<double>() % 1) < double.Epsilon ? "integer" : "number",
        _ => "unknown",
    };
}
