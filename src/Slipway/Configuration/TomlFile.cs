using Slipway.Diagnostics;
using Slipway.Files;
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
        TomlTable table;
        try
        {
            table = TomlModel.Read(text, displayPath, metadata);
        }
        catch (TomlException exception)
        {
            var (at, message) = DescribeSyntaxError(exception, displayPath);
            throw ConfigErrors.Syntax(at, message);
        }

        EnsureTableArraysWhole(text, displayPath, table);
        var document = new ConfigDocument(displayPath, metadata, environment, redactor);
        return new ConfigTable(table, document, string.Empty, new SourceLocation(displayPath, 0, 0));
    }

    /// <summary>
    /// The TOML reader keeps only the last run of an array of tables that another table interrupts (<c>[[image]]</c>,
    /// <c>[signing]</c>, <c>[[image]]</c> binds one image): the earlier entries would vanish without a word, so a file
    /// whose top-level array has more headers than entries is refused, naming the header that restarted it.
    /// </summary>
    private static void EnsureTableArraysWhole(string text, string displayPath, TomlTable root)
    {
        var syntax = Tomlyn.Parsing.SyntaxParser.Parse(text, displayPath);
        EnsureTablesDefinedOnce(syntax, displayPath);
        var headers = new Dictionary<string, List<Tomlyn.Syntax.TableArraySyntax>>(StringComparer.Ordinal);
        foreach (var array in syntax.Tables.OfType<Tomlyn.Syntax.TableArraySyntax>())
        {
            var key = array.Name?.ToString()?.Trim() ?? string.Empty;
            if (!headers.TryGetValue(key, out var list))
            {
                headers[key] = list = [];
            }

            list.Add(array);
        }

        foreach (var (key, list) in headers)
        {
            if (Find(root, key) is { } entries && entries.Count < list.Count)
            {
                var restart = list[entries.Count].Span.Start;
                throw ConfigErrors.TableArraySplit(new SourceLocation(displayPath, restart.Line + 1, restart.Column + 1), key);
            }
        }
    }

    /// <summary>
    /// TOML forbids defining a table twice, but the reader merges the two: a second <c>[build]</c> further down (a
    /// pasted snippet, a merge) would quietly change the first. The second header is refused, with its position.
    /// </summary>
    private static void EnsureTablesDefinedOnce(Tomlyn.Syntax.DocumentSyntax syntax, string displayPath)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in syntax.Tables.Where(t => t is not Tomlyn.Syntax.TableArraySyntax))
        {
            var key = table.Name is null ? string.Empty : HeaderKey(table.Name);
            if (!seen.Add(key))
            {
                var start = table.Span.Start;
                throw ConfigErrors.TableDefinedTwice(new SourceLocation(displayPath, start.Line + 1, start.Column + 1), key);
            }
        }
    }

    /// <summary>A header's key with the spaces around its dots and the quotes of its parts removed: <c>[ "tool" . towncrier ]</c> is <c>tool.towncrier</c>.</summary>
    private static string HeaderKey(Tomlyn.Syntax.KeySyntax name) =>
        string.Join('.', new[] { name.Key?.ToString() }.Concat(name.DotKeys.Select(d => d.Key?.ToString())).Select(p => (p ?? string.Empty).Trim().Trim('"', '\'')));

    /// <summary>The array of tables a header names (<c>tool.towncrier.type</c>) through plain tables, else null.</summary>
    private static TomlTableArray? Find(TomlTable root, string dottedKey)
    {
        object? value = root;
        foreach (var part in dottedKey.Split('.'))
        {
            if (value is not TomlTable table || !table.TryGetValue(part.Trim().Trim('"', '\''), out value))
            {
                return null;
            }
        }

        return value as TomlTableArray;
    }

    /// <summary>The largest configuration file read (slipway.toml, towncrier.toml, pyproject.toml).</summary>
    public const int MaxFileSize = 4 * 1024 * 1024;

    /// <summary>
    /// Reads the file as every file from the repository is read: a regular file inside the repository that holds it (a
    /// pull request may change a configuration file into a link to the signing key or to /dev/zero), capped while read.
    /// </summary>
    public static ConfigTable Load(string path, string displayPath, IEnvironment environment, SecretRedactor redactor)
    {
        var text = ReadText(path, displayPath);
        return Parse(text, displayPath, environment, redactor);
    }

    public static string ReadText(string path, string displayPath)
    {
        var full = Path.GetFullPath(path);
        return RepositoryFile.ReadAllText(
            full, displayPath, FileBoundary.Repository(Path.GetDirectoryName(full)!), MaxFileSize, () => ConfigErrors.NotFound(displayPath));
    }

    internal static (SourceLocation At, string Message) DescribeSyntaxError(TomlException exception, string displayPath)
    {
        var innermost = Innermost(exception);
        return (Position(innermost, displayPath), SyntaxMessage(innermost));
    }

    // The generated model reader wraps the parser's exception in its own, which has lost the position.
    private static TomlException Innermost(TomlException exception) =>
        exception.InnerException is TomlException inner ? Innermost(inner) : exception;

    private static SourceLocation Position(TomlException exception, string displayPath)
    {
        if (exception.Line is { } line)
        {
            return new SourceLocation(displayPath, line, exception.Column ?? 0);
        }

        // Diagnostic spans are 0-based.
        return exception.Diagnostics is { Count: > 0 } diagnostics
            ? new SourceLocation(displayPath, diagnostics[0].Span.Start.Line + 1, diagnostics[0].Span.Start.Column + 1)
            : new SourceLocation(displayPath, 0, 0);
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
