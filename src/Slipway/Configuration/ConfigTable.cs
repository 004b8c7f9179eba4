using Slipway.Diagnostics;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Slipway.Configuration;

/// <summary>
/// A TOML table being bound to the typed model. Each accessor declares a key as known; <see cref="EnsureNoUnknownKeys"/>
/// then rejects every key nobody asked for, naming the closest known one. Errors carry <c>file:line:col</c>.
/// </summary>
public sealed class ConfigTable
{
    private readonly TomlTable _table;
    private readonly ConfigDocument _document;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    internal ConfigTable(TomlTable table, ConfigDocument document, string path, SourceLocation location)
    {
        _table = table;
        _document = document;
        Path = path;
        Location = location;
    }

    /// <summary>The dotted path of this table (<c>project</c>, <c>image[1]</c>), empty for the root.</summary>
    public string Path { get; }

    public SourceLocation Location { get; }

    public string File => _document.File;

    public bool Contains(string key)
    {
        _known.Add(key);
        return _table.ContainsKey(key);
    }

    public SourceLocation LocationOf(string key)
    {
        if (_document.Metadata.TryGetProperties(_table, out var properties)
            && properties is not null
            && properties.TryGetProperty(key, out var property)
            && property?.Span is { } span)
        {
            // Tomlyn spans are 0-based; positions are printed 1-based like compilers do.
            return new SourceLocation(_document.File, span.Start.Line + 1, span.Start.Column + 1);
        }

        return Location;
    }

    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public object? GetRaw(string key)
    {
        _known.Add(key);
        return _table.TryGetValue(key, out var value) ? value : null;
    }

    public string? GetString(string key)
    {
        var value = GetRaw(key);
        return value switch
        {
            null => null,
            string text => ResolveEnvironment(key, text),
            _ => throw WrongType(key, "a string", value),
        };
    }

    public string GetRequiredString(string key) => GetString(key) ?? throw MissingOrMisspelt(key);

    /// <summary>A required key is absent: when a present key looks like a misspelling of it, say that instead.</summary>
    public SlipwayException MissingOrMisspelt(string key)
    {
        foreach (var present in _table.Keys)
        {
            if (!_known.Contains(present) && KeySuggestion.Closest(present, [key]) is not null)
            {
                throw ConfigErrors.UnknownKey(LocationOf(present), KeyPath(present), key);
            }
        }

        return ConfigErrors.Missing(Location, KeyPath(key));
    }

    /// <summary>
    /// Binds a secret-bearing key: <paramref name="shape"/> says what kind of secret it is, then its value (when set) is
    /// registered with the redactor at once and the document keeps it (<see cref="BoundSecrets"/>).
    /// </summary>
    public Secret? GetSecret(string key, Func<Secret, Secret>? shape = null, string? fallback = null)
    {
        var value = GetRaw(key) ?? fallback;
        var secret = value switch
        {
            null => null,
            string text when text.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) =>
                new Secret(null, VariableName(key, text), LocationOf(key), KeyPath(key)),
            string text => new Secret(text, null, LocationOf(key), KeyPath(key)),
            _ => throw WrongType(key, "a string", value),
        };
        if (secret is null)
        {
            return null;
        }

        secret = shape?.Invoke(secret) ?? secret;
        _document.Secrets.Add(secret);
        secret.Register(_document.Environment, _document.Redactor);
        return secret;
    }

    /// <summary>Every secret any table of this document bound so far.</summary>
    public IReadOnlyList<Secret> BoundSecrets => _document.Secrets;

    public bool? GetBoolean(string key)
    {
        var value = GetRaw(key);
        return value switch
        {
            null => null,
            bool flag => flag,
            _ => throw WrongType(key, "true or false", value),
        };
    }

    public long? GetInteger(string key)
    {
        var value = GetRaw(key);
        return value switch
        {
            null => null,
            long number => number,
            _ => throw WrongType(key, "an integer", value),
        };
    }

    public IReadOnlyList<string>? GetStringArray(string key)
    {
        var value = GetRaw(key);
        switch (value)
        {
            case null:
                return null;
            case TomlArray array:
                var items = new List<string>(array.Count);
                foreach (var item in array)
                {
                    if (item is not string text)
                    {
                        throw WrongType(key, "an array of strings", item);
                    }

                    items.Add(ResolveEnvironment(key, text));
                }

                return items;
            default:
                throw WrongType(key, "an array of strings", value);
        }
    }

    public ConfigTable? GetTable(string key)
    {
        var value = GetRaw(key);
        return value switch
        {
            null => null,
            TomlTable table => new ConfigTable(table, _document, KeyPath(key), LocationOf(key)),
            _ => throw WrongType(key, "a table", value),
        };
    }

    /// <summary>An array of tables (<c>[[image]]</c>); a single table is accepted as one element.</summary>
    public IReadOnlyList<ConfigTable> GetTableArray(string key)
    {
        var value = GetRaw(key);
        var location = LocationOf(key);
        switch (value)
        {
            case null:
                return [];
            case TomlTableArray tables:
                return [.. tables.Select((t, i) => new ConfigTable(t, _document, $"{KeyPath(key)}[{i}]", location))];
            case TomlArray array when array.All(item => item is TomlTable):
                return [.. array.Cast<TomlTable>().Select((t, i) => new ConfigTable(t, _document, $"{KeyPath(key)}[{i}]", location))];
            case TomlTable table:
                return [new ConfigTable(table, _document, KeyPath(key), location)];
            default:
                throw WrongType(key, "an array of tables", value);
        }
    }

    /// <summary>Every key of this table; the caller takes responsibility for each.</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            foreach (var key in _table.Keys)
            {
                _known.Add(key);
            }

            return [.. _table.Keys];
        }
    }

    /// <summary>Rejects the first key of this table that no accessor asked for.</summary>
    public void EnsureNoUnknownKeys()
    {
        foreach (var key in _table.Keys)
        {
            if (!_known.Contains(key))
            {
                throw ConfigErrors.UnknownKey(LocationOf(key), KeyPath(key), KeySuggestion.Closest(key, _known));
            }
        }
    }

    public SlipwayException Invalid(string key, string reason) => ConfigErrors.Invalid(LocationOf(key), KeyPath(key), reason);

    public SlipwayException WrongType(string key, string expected, object? actual) =>
        ConfigErrors.WrongType(LocationOf(key), KeyPath(key), expected, Describe(actual));

    internal static string Describe(object? value) => value switch
    {
        null => "nothing",
        string => "a string",
        bool => "a boolean",
        long => "an integer",
        double => "a float",
        TomlTable => "a table",
        TomlTableArray => "an array of tables",
        TomlArray => "an array",
        _ => "a date or time",
    };

    private const string EnvironmentPrefix = "env:";

    private string ResolveEnvironment(string key, string text)
    {
        if (!text.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
        {
            return text;
        }

        var variable = VariableName(key, text);
        var value = _document.Environment.GetVariable(variable)
            ?? throw ConfigErrors.EnvironmentMissing(LocationOf(key), KeyPath(key), variable);
        _document.Redactor.Register(value);
        return value;
    }

    private string VariableName(string key, string text)
    {
        var variable = text[EnvironmentPrefix.Length..];
        if (variable.Length == 0 || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw Invalid(key, $"names an invalid environment variable '{variable}'");
        }

        return variable;
    }
}

/// <summary>One parsed TOML file and what binding it needs: its name, spans, environment and redactor.</summary>
internal sealed record ConfigDocument(string File, TomlMetadataStore Metadata, IEnvironment Environment, SecretRedactor Redactor)
{
    public List<Secret> Secrets { get; } = [];
}
