using Slipway.Diagnostics;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Slipway.Configuration;

/// <summary>Parses a TOML file into a <see cref="ConfigTable"/>; syntax errors become SLW1003 with their position.</summary>
public static class TomlFile
{
    public static ConfigTable Parse(string text, string displayPath, IEnvironment environment, SecretRedactor redactor)
    {
        var metadata = new TomlMetadataStore();
        var options = new TomlSerializerOptions { MetadataStore = metadata, SourceName = displayPath };
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(text, options) ?? new TomlTable();
        }
        catch (TomlException exception)
        {
            throw ConfigErrors.Syntax(new SourceLocation(displayPath, exception.Line ?? 0, exception.Column ?? 0), SyntaxMessage(exception));
        }

        var document = new ConfigDocument(displayPath, metadata, environment, redactor);
        return new ConfigTable(table, document, string.Empty, new SourceLocation(displayPath, 0, 0));
    }

    public static ConfigTable Load(string path, string displayPath, IEnvironment environment, SecretRedactor redactor)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw ConfigErrors.NotFound(displayPath);
        }
        catch (DirectoryNotFoundException)
        {
            throw ConfigErrors.NotFound(displayPath);
        }

        return Parse(text, displayPath, environment, redactor);
    }

    // Tomlyn prefixes its messages with "file(line,col) : error : "; the position is printed our way.
    private static string SyntaxMessage(TomlException exception)
    {
        var message = exception.Diagnostics is { Count: > 0 } diagnostics ? diagnostics[0].Message : exception.Message;
        var marker = message.IndexOf(" : error : ", StringComparison.Ordinal);
        message = marker >= 0 ? message[(marker + 11)..] : message;
        return message.ReplaceLineEndings(" ").Trim();
    }
}
