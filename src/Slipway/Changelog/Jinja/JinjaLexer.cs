using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Changelog.Jinja;

/// <summary>
/// Jinja2 3.1's lexer with towncrier's environment: <c>trim_blocks=True</c> (the newline after a block or comment tag
/// is dropped), <c>keep_trailing_newline=False</c> (one final newline of the template is dropped), newlines normalised
/// to <c>\n</c>, <c>-</c> beside a delimiter strips the whitespace on that side, <c>+%}</c> keeps the newline.
/// </summary>
internal static partial class JinjaLexer
{
    private static readonly string[] Operators =
        ["//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"];

    [GeneratedRegex(@"\G(?<!\.)(\d+_)*\d+((\.(\d+_)*\d+)?e[+\-]?(\d+_)*\d+|\.(\d+_)*\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex FloatLiteral();

    [GeneratedRegex(@"\G(0b(_?[0-1])+|0o(_?[0-7])+|0x(_?[\da-f])+|[1-9](_?\d)*|0(_?0)*)", RegexOptions.IgnoreCase)]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex(@"\G[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex Name();

    [GeneratedRegex(@"\G\s*raw\s*(-%\}|%\})")]
    private static partial Regex RawBegin();

    [GeneratedRegex(@"\{%([-+]?)\s*endraw\s*(\+%\}|-%\}|%\})")]
    private static partial Regex RawEnd();

    /// <summary>The source as Jinja2 lexes it: newlines normalised, one trailing newline dropped.</summary>
    public static string Normalize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = source.Contains('\r', StringComparison.Ordinal)
            ? source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : source;
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    public static List<JinjaToken> Tokenize(string source)
    {
        var src = Normalize(source);
        var tokens = new List<JinjaToken>();
        var line = 1;
        var pos = 0;
        while (pos < src.Length)
        {
            var open = NextOpening(src, pos);
            if (open < 0)
            {
                AddData(tokens, src[pos..], ref line);
                break;
            }

            var data = src[pos..open];
            var kind = src[open + 1];
            var marker = open + 2 < src.Length ? src[open + 2] : '\0';
            var body = open + 2 + (marker is '-' or '+' ? 1 : 0);
            if (marker == '-')
            {
                line += Count(data, PythonText.RStrip(data).Length, data.Length);
                data = PythonText.RStrip(data);
            }

            if (kind == '%' && RawBegin().Match(src, body) is { Success: true } raw)
            {
                AddData(tokens, data, ref line);
                pos = Raw(tokens, src, raw, ref line);
                continue;
            }

            AddData(tokens, data, ref line);
            switch (kind)
            {
                case '#':
                    pos = Comment(src, open, body, ref line);
                    break;
                case '%':
                    tokens.Add(new JinjaToken(JinjaTokenKind.BlockBegin, "{%", line));
                    pos = Tag(tokens, src, body, block: true, ref line);
                    break;
                default:
                    tokens.Add(new JinjaToken(JinjaTokenKind.VariableBegin, "{{", line));
                    pos = Tag(tokens, src, body, block: false, ref line);
                    break;
            }
        }

        tokens.Add(new JinjaToken(JinjaTokenKind.End, string.Empty, line));
        return tokens;
    }

    private static int NextOpening(string src, int from)
    {
        for (var i = src.IndexOf('{', from); i >= 0 && i + 1 < src.Length; i = src.IndexOf('{', i + 1))
        {
            if (src[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private static void AddData(List<JinjaToken> tokens, string data, ref int line)
    {
        if (data.Length > 0)
        {
            tokens.Add(new JinjaToken(JinjaTokenKind.Data, data, line));
            line += Count(data, 0, data.Length);
        }
    }

    private static int Count(string text, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end; i++)
        {
            if (text[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }

    private static int SkipWhitespace(string src, int pos, ref int line)
    {
        while (pos < src.Length && PythonText.IsSpace(src[pos]))
        {
            if (src[pos] == '\n')
            {
                line++;
            }

            pos++;
        }

        return pos;
    }

    private static int Comment(string src, int open, int body, ref int line)
    {
        var close = src.IndexOf("#}", body, StringComparison.Ordinal);
        if (close < 0)
        {
            throw JinjaException.Syntax("Missing end of comment tag", line);
        }

        line += Count(src, open, close);
        var before = close > body ? src[close - 1] : '\0';
        var pos = close + 2;
        return before switch
        {
            '-' => SkipWhitespace(src, pos, ref line),
            '+' => pos,
            _ => TrimBlock(src, pos, ref line),
        };
    }

    private static int TrimBlock(string src, int pos, ref int line)
    {
        if (pos < src.Length && src[pos] == '\n')
        {
            line++;
            return pos + 1;
        }

        return pos;
    }

    private static int Raw(List<JinjaToken> tokens, string src, Match begin, ref int line)
    {
        var pos = begin.Index + begin.Length;
        line += Count(src, begin.Index, pos);
        if (begin.Groups[1].Value == "-%}")
        {
            pos = SkipWhitespace(src, pos, ref line);
        }

        var end = RawEnd().Match(src, pos);
        if (!end.Success)
        {
            throw JinjaException.Syntax("Missing end of raw directive", line);
        }

        var data = src[pos..end.Index];
        if (end.Groups[1].Value == "-")
        {
            data = PythonText.RStrip(data);
        }

        if (data.Length > 0)
        {
            tokens.Add(new JinjaToken(JinjaTokenKind.Data, data, line));
        }

        line += Count(src, pos, end.Index + end.Length);
        var after = end.Index + end.Length;
        return end.Groups[2].Value switch
        {
            "-%}" => SkipWhitespace(src, after, ref line),
            "+%}" => after,
            _ => TrimBlock(src, after, ref line),
        };
    }

    private static int Tag(List<JinjaToken> tokens, string src, int pos, bool block, ref int line)
    {
        var braces = new Stack<char>();
        var close = block ? "%}" : "}}";
        var closeKind = block ? JinjaTokenKind.BlockEnd : JinjaTokenKind.VariableEnd;
        while (true)
        {
            if (pos >= src.Length)
            {
                throw JinjaException.Syntax($"unexpected end of template, expected '{close}'", line);
            }

            if (braces.Count == 0)
            {
                if (string.CompareOrdinal(src, pos, "-" + close, 0, 3) == 0)
                {
                    tokens.Add(new JinjaToken(closeKind, close, line));
                    return SkipWhitespace(src, pos + 3, ref line);
                }

                if (block && string.CompareOrdinal(src, pos, "+%}", 0, 3) == 0)
                {
                    tokens.Add(new JinjaToken(closeKind, close, line));
                    return pos + 3;
                }

                if (string.CompareOrdinal(src, pos, close, 0, 2) == 0)
                {
                    tokens.Add(new JinjaToken(closeKind, close, line));
                    return block ? TrimBlock(src, pos + 2, ref line) : pos + 2;
                }
            }

            var c = src[pos];
            if (PythonText.IsSpace(c))
            {
                pos = SkipWhitespace(src, pos, ref line);
                continue;
            }

            Match match;
            if (char.IsAsciiDigit(c) && (match = FloatLiteral().Match(src, pos)).Success)
            {
                tokens.Add(new JinjaToken(JinjaTokenKind.Float, match.Value, line));
                pos += match.Length;
            }
            else if (char.IsAsciiDigit(c) && (match = IntegerLiteral().Match(src, pos)).Success)
            {
                tokens.Add(new JinjaToken(JinjaTokenKind.Integer, match.Value, line));
                pos += match.Length;
            }
            else if ((match = Name().Match(src, pos)).Success)
            {
                tokens.Add(new JinjaToken(JinjaTokenKind.Name, match.Value, line));
                pos += match.Length;
            }
            else if (c is '\'' or '"')
            {
                var start = line;
                var (value, end) = StringLiteral(src, pos, ref line);
                tokens.Add(new JinjaToken(JinjaTokenKind.String, value, start));
                pos = end;
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(src, pos, o, 0, o.Length) == 0)
                    ?? throw JinjaException.Syntax($"unexpected char {JinjaPython.StringRepr(c.ToString())} at {pos}", line);
                if (op is "(" or "[" or "{")
                {
                    braces.Push(op[0]);
                }
                else if (op is ")" or "]" or "}")
                {
                    var expected = op switch { ")" => '(', "]" => '[', _ => '{' };
                    if (braces.Count == 0)
                    {
                        throw JinjaException.Syntax($"unexpected '{op}'", line);
                    }

                    if (braces.Pop() != expected)
                    {
                        throw JinjaException.Syntax($"unexpected '{op}'", line);
                    }
                }

                tokens.Add(new JinjaToken(JinjaTokenKind.Operator, op, line));
                pos += op.Length;
            }
        }
    }

    /// <summary>A quoted string with Python's escapes decoded (Jinja2 decodes them with <c>unicode-escape</c>).</summary>
    private static (string Value, int End) StringLiteral(string src, int pos, ref int line)
    {
        var quote = src[pos];
        var builder = new StringBuilder();
        var i = pos + 1;
        while (true)
        {
            if (i >= src.Length)
            {
                throw JinjaException.Syntax("unexpected end of string", line);
            }

            var c = src[i];
            if (c == quote)
            {
                return (builder.ToString(), i + 1);
            }

            if (c == '\n')
            {
                line++;
            }

            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= src.Length)
            {
                throw JinjaException.Syntax("unexpected end of string", line);
            }

            var e = src[i + 1];
            i += 2;
            switch (e)
            {
                case '\\':
                case '\'':
                case '"':
                    builder.Append(e);
                    break;
                case '\n':
                    line++;
                    break;
                case 'a':
                    builder.Append('\a');
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'v':
                    builder.Append('\v');
                    break;
                case >= '0' and <= '7':
                {
                    var start = i - 1;
                    var end = start;
                    while (end < src.Length && end - start < 3 && src[end] is >= '0' and <= '7')
                    {
                        end++;
                    }

                    builder.Append((char)Convert.ToInt32(src[start..end], 8));
                    i = end;
                    break;
                }

                case 'x':
                case 'u':
                case 'U':
                {
                    var width = e switch { 'x' => 2, 'u' => 4, _ => 8 };
                    if (i + width > src.Length || !int.TryParse(src.AsSpan(i, width), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        || code > 0x10FFFF)
                    {
                        throw JinjaException.Syntax($"truncated \\{e} escape in a string", line);
                    }

                    if (code is >= 0xD800 and <= 0xDFFF)
                    {
                        throw JinjaException.Unsupported("a lone surrogate escape in a string", line);
                    }

                    builder.Append(char.ConvertFromUtf32(code));
                    i += width;
                    break;
                }

                case 'N':
                    throw JinjaException.Unsupported("the \\N{...} escape", line);
                default:
                    builder.Append('\\').Append(e);
                    break;
            }
        }
    }
}
