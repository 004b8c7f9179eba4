using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Slipway.Gates;

/// <summary>
/// A <c>/bin/sh</c> command line with <c>{field}</c> placeholders. The template is read with the shell's quoting rules,
/// so that each placeholder becomes exactly one shell word part holding its value verbatim whatever quotes surround it:
/// the surrounding quote is closed, the value is inserted single-quoted, and the quote is reopened
/// (<c>"x{platform}y"</c> becomes <c>"x"'linux/amd64'"y"</c>). A placeholder where that cannot be guaranteed (inside
/// or after <c>$(…)</c>, backquotes, <c>${…}</c>, <c>$'…'</c>, or after a here-document) is refused; the environment
/// variables (<see cref="VariableName"/>) are the form to use there.
/// </summary>
public sealed class ShellTemplate
{
    private readonly IReadOnlyList<(string Literal, string? Field, char Quote)> _segments;

    private ShellTemplate(string text, IReadOnlyList<(string Literal, string? Field, char Quote)> segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public IEnumerable<string> Fields => _segments.Where(s => s.Field is not null).Select(s => s.Field!);

    /// <summary>The environment variable that carries a field's value to the command: <c>SLIPWAY_PLATFORM</c>.</summary>
    public static string VariableName(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return "SLIPWAY_" + field.ToUpperInvariant();
    }

    /// <summary>The value as one single-quoted shell word: <c>it's</c> becomes <c>'it'\''s'</c>.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    public static bool TryParse(string text, IReadOnlyCollection<string> fields, [NotNullWhen(true)] out ShellTemplate? template, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fields);
        template = null;
        var parser = new Parser(text, fields);
        if (!parser.Run(out error))
        {
            return false;
        }

        template = new ShellTemplate(text, parser.Segments);
        return true;
    }

    /// <summary>The command line for <c>/bin/sh -c</c>, every field's value shell-quoted.</summary>
    public string Render(IReadOnlyDictionary<string, string> values) => Render(values, quoted: true);

    /// <summary>The template with the values put in as they are: only for values already validated to hold no shell syntax (cmd.exe).</summary>
    public string RenderVerbatim(IReadOnlyDictionary<string, string> values) => Render(values, quoted: false);

    public override string ToString() => Text;

    private string Render(IReadOnlyDictionary<string, string> values, bool quoted)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder();
        foreach (var (literal, field, quote) in _segments)
        {
            if (field is null)
            {
                builder.Append(literal);
                continue;
            }

            var value = values.TryGetValue(field, out var given) ? given : throw new ArgumentException($"no value for {{{field}}}", nameof(values));
            if (!quoted)
            {
                builder.Append(value);
                continue;
            }

            // Close the quote the template opened, insert the value single-quoted, reopen it.
            if (quote != '\0')
            {
                builder.Append(quote);
            }

            builder.Append(Quote(value));
            if (quote != '\0')
            {
                builder.Append(quote);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Follows the POSIX shell's token rules far enough to know, at each placeholder, whether it stands unquoted, inside
    /// '…' or inside "…" of the outer command. The contexts: <c>T</c> the command itself, <c>'</c>, <c>"</c>,
    /// <c>(</c> a command substitution or a parenthesis inside one, <c>`</c> backquotes, <c>{</c> a parameter expansion.
    /// </summary>
    private sealed class Parser(string text, IReadOnlyCollection<string> fields)
    {
        private readonly List<char> _contexts = ['T'];
        private readonly StringBuilder _literal = new();
        private bool _hereDocument;

        // The first construct whose insides this parser does not follow exactly ($(…) holding a case pattern's ')',
        // a quote inside "${…}", bash's $'…'): from there on it cannot be sure which quotes surround a placeholder.
        private string? _beyond;

        public List<(string Literal, string? Field, char Quote)> Segments { get; } = [];

        private char Context => _contexts[^1];

        public bool Run(out string error)
        {
            var i = 0;
            while (i < text.Length)
            {
                if (Field(i) is { } field)
                {
                    if (!Placeholder(field, out error))
                    {
                        return false;
                    }

                    i += field.Length + 2;
                    continue;
                }

                if (!Step(ref i, out error))
                {
                    return false;
                }
            }

            Flush();
            if (_contexts.Count > 1 && !_hereDocument)
            {
                error = $"has an unclosed {Describe(Context)}";
                return false;
            }

            error = string.Empty;
            return true;
        }

        private static string Describe(char context) => context switch
        {
            '\'' => "single quote",
            '"' => "double quote",
            '(' => "'$(' command substitution",
            '`' => "backquote command substitution",
            _ => "'${' parameter expansion",
        };

        /// <summary>The field whose placeholder <c>{field}</c> starts at <paramref name="at"/>, if any.</summary>
        private string? Field(int at)
        {
            if (at >= text.Length || text[at] != '{')
            {
                return null;
            }

            var end = text.IndexOf('}', at + 1);
            if (end < 0)
            {
                return null;
            }

            var name = text[(at + 1)..end];
            return fields.Contains(name, StringComparer.Ordinal) ? name : null;
        }

        private bool Placeholder(string field, out string error)
        {
            var variable = VariableName(field);
            if (_hereDocument)
            {
                error = $"uses {{{field}}} after a here-document ('<<'), where it cannot be quoted; use \"${variable}\" there";
                return false;
            }

            if (_contexts.Count > 2 || (_contexts.Count == 2 && Context is not ('\'' or '"')))
            {
                var nested = _contexts.Skip(1).First(c => c is not ('\'' or '"'));
                error = $"uses {{{field}}} inside a {Describe(nested)}, where it cannot be quoted; use \"${variable}\" there";
                return false;
            }

            if (_beyond is not null)
            {
                error = $"uses {{{field}}} after a {_beyond}, past which its quoting cannot be told for sure; use \"${variable}\" instead";
                return false;
            }

            Flush();
            Segments.Add((string.Empty, field, _contexts.Count == 2 ? Context : '\0'));
            error = string.Empty;
            return true;
        }

        private void Flush()
        {
            if (_literal.Length > 0)
            {
                Segments.Add((_literal.ToString(), null, '\0'));
                _literal.Clear();
            }
        }

        /// <summary>Copies the character (or escape pair) at <paramref name="i"/> and follows the context it opens or closes.</summary>
        private bool Step(ref int i, out string error)
        {
            error = string.Empty;
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (_hereDocument)
            {
                _literal.Append(c);
                i++;
                return true;
            }

            switch (Context)
            {
                case '\'':
                    if (c == '\'')
                    {
                        _contexts.RemoveAt(_contexts.Count - 1);
                    }

                    break;
                case '`':
                    if (c == '\\' && next != '\0')
                    {
                        _literal.Append(c).Append(next);
                        i += 2;
                        return true;
                    }

                    if (c == '`')
                    {
                        _contexts.RemoveAt(_contexts.Count - 1);
                    }

                    break;
                case '"':
                    if (c == '\\')
                    {
                        if (next is '$' or '`' or '"' or '\\' or '\n')
                        {
                            _literal.Append(c).Append(next);
                            i += 2;
                            return true;
                        }

                        // A backslash that stays literal must not escape the quote closed before a placeholder.
                        _literal.Append(Field(i + 1) is null ? "\\" : "\\\\");
                        i++;
                        return true;
                    }

                    if (c == '"')
                    {
                        _contexts.RemoveAt(_contexts.Count - 1);
                        break;
                    }

                    return Expansion(ref i, out error);
                default:
                    return Unquoted(ref i, out error);
            }

            _literal.Append(c);
            i++;
            return true;
        }

        /// <summary>The command itself, a command substitution or a parameter expansion: quotes, escapes, comments, nesting.</summary>
        private bool Unquoted(ref int i, out string error)
        {
            error = string.Empty;
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '\\':
                    // An escaped character is a literal character, so '\{platform}' is the text {platform}.
                    _literal.Append(c);
                    if (next != '\0')
                    {
                        _literal.Append(next);
                        i++;
                    }

                    i++;
                    return true;
                case '\'' or '"':
                    _contexts.Add(c);
                    break;
                case '#' when Context != '{' && StartsWord(i):
                    // A comment runs nothing: its placeholders stay as written, since a value with a newline would end it.
                    var end = text.IndexOf('\n', i);
                    end = end < 0 ? text.Length : end;
                    _literal.Append(text, i, end - i);
                    i = end;
                    return true;
                case '<' when next == '<' && Context != '{':
                    _hereDocument = true;
                    break;
                case '(' when Context == '(':
                    _contexts.Add('(');
                    break;
                case ')' when Context == '(':
                    _contexts.RemoveAt(_contexts.Count - 1);
                    break;
                case '}' when Context == '{':
                    _contexts.RemoveAt(_contexts.Count - 1);
                    break;
                default:
                    return Expansion(ref i, out error);
            }

            _literal.Append(c);
            i++;
            return true;
        }

        /// <summary><c>$(</c>, <c>${</c> and backquotes open a nested context, in the command and inside double quotes alike.</summary>
        private bool Expansion(ref int i, out string error)
        {
            error = string.Empty;
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '$' && next == '{' && Field(i + 1) is { } field)
            {
                error = $"uses '${{{field}}}', a shell parameter expansion; write {{{field}}} or \"${VariableName(field)}\"";
                return false;
            }

            if (c == '$' && next is '\'' or '"' && Context != '"')
            {
                _beyond ??= next == '\'' ? "$'…' quote" : "$\"…\" quote";
            }

            if (c == '$' && next is '(' or '{')
            {
                _beyond ??= Describe(next);
                _contexts.Add(next);
                _literal.Append(c).Append(next);
                i += 2;
                return true;
            }

            if (c == '`')
            {
                _beyond ??= Describe('`');
                _contexts.Add('`');
            }

            _literal.Append(c);
            i++;
            return true;
        }

        private bool StartsWord(int at) => at == 0 || text[at - 1] is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>';
    }
}
