using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Slipway.Changelog;

/// <summary>
/// Python's <c>str.format</c> with named fields only, as towncrier applies it to <c>issue_format</c>, <c>title_format</c>
/// and <c>filename</c>: <c>{name}</c> is replaced, <c>{{</c> and <c>}}</c> are literal braces.
/// </summary>
internal static class PythonFormat
{
    public static bool TryApply(
        string format,
        IReadOnlyDictionary<string, string> fields,
        [NotNullWhen(true)] out string? result,
        [NotNullWhen(false)] out string? error)
    {
        var builder = new StringBuilder(format.Length + 16);
        result = null;
        error = null;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '{')
            {
                if (i + 1 < format.Length && format[i + 1] == '{')
                {
                    builder.Append('{');
                    i++;
                    continue;
                }

                var end = format.IndexOf('}', i + 1);
                if (end < 0)
                {
                    error = "has a '{' without its '}'";
                    return false;
                }

                var field = format[(i + 1)..end];
                if (!fields.TryGetValue(field, out var value))
                {
                    error = $"uses the field {{{field}}}; the known fields are {string.Join(", ", fields.Keys.Select(k => $"{{{k}}}"))}";
                    return false;
                }

                builder.Append(value);
                i = end;
            }
            else if (c == '}')
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                {
                    builder.Append('}');
                    i++;
                    continue;
                }

                error = "has a single '}' (write '}}' for a literal brace)";
                return false;
            }
            else
            {
                builder.Append(c);
            }
        }

        result = builder.ToString();
        return true;
    }
}
