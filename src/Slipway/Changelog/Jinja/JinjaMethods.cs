using System.Text;

namespace Slipway.Changelog.Jinja;

/// <summary>
/// The Python methods a template may call (<c>sections.items()</c>, <c>issue.split(": ", 1)</c>). A method Python has
/// but Slipway does not is refused by name; a name that is no method is <c>null</c>, so the lookup falls back to the item.
/// </summary>
internal static class JinjaMethods
{
    private static readonly HashSet<string> DictMethods =
        new(["clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"], StringComparer.Ordinal);

    private static readonly HashSet<string> StringMethods = new(
        [
            "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format", "format_map",
            "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
            "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition",
            "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split",
            "splitlines", "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill",
        ],
        StringComparer.Ordinal);

    private static readonly HashSet<string> ListMethods =
        new(["append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"], StringComparer.Ordinal);

    private static readonly HashSet<string> NumberAttributes = new(
        ["as_integer_ratio", "bit_count", "bit_length", "conjugate", "denominator", "from_bytes", "fromhex", "hex", "imag", "is_integer", "numerator", "real", "to_bytes"],
        StringComparer.Ordinal);

    public static object? OfDict(JinjaDict dict, string name)
    {
        if (!DictMethods.Contains(name))
        {
            return null;
        }

        return name switch
        {
            "items" => Method("dict.items", 0, 0, _ => new JinjaDictView("dict_items", [.. dict.Entries.Select(e => (object?)new JinjaTuple([e.Key, e.Value]))])),
            "keys" => Method("dict.keys", 0, 0, _ => new JinjaDictView("dict_keys", [.. dict.Entries.Keys])),
            "values" => Method("dict.values", 0, 0, _ => new JinjaDictView("dict_values", [.. dict.Entries.Values])),
            "get" => Method("dict.get", 1, 2, a => dict.TryGet(Hashable(a[0]), out var v) ? v : a.Count > 1 ? a[1] : null),
            _ => throw JinjaException.Unsupported($"the dict method '{name}'"),
        };
    }

    public static object? OfString(string text, string name)
    {
        if (!StringMethods.Contains(name))
        {
            return null;
        }

        return name switch
        {
            "split" => Method("str.split", 0, 2, a => Split(text, Separator(a), MaxSplit(a), fromRight: false)),
            "rsplit" => Method("str.rsplit", 0, 2, a => Split(text, Separator(a), MaxSplit(a), fromRight: true)),
            "strip" => Method("str.strip", 0, 1, a => Strip(text, Chars(a), left: true, right: true)),
            "lstrip" => Method("str.lstrip", 0, 1, a => Strip(text, Chars(a), left: true, right: false)),
            "rstrip" => Method("str.rstrip", 0, 1, a => Strip(text, Chars(a), left: false, right: true)),
            "startswith" => Method("str.startswith", 1, 1, a => Affixes(a[0], "startswith").Any(p => text.StartsWith(p, StringComparison.Ordinal))),
            "endswith" => Method("str.endswith", 1, 1, a => Affixes(a[0], "endswith").Any(p => text.EndsWith(p, StringComparison.Ordinal))),
            "replace" => Method("str.replace", 2, 3, a => Replace(text, Text(a[0]), Text(a[1]), a.Count > 2 ? Integer(a[2]) : -1)),
            "lower" => Method("str.lower", 0, 0, _ => text.ToLowerInvariant()),
            "upper" => Method("str.upper", 0, 0, _ => PythonText.Upper(text)),
            "title" => Method("str.title", 0, 0, _ => PythonText.Title(text)),
            "capitalize" => Method("str.capitalize", 0, 0, _ => Capitalize(text)),
            "join" => Method("str.join", 1, 1, a => string.Join(text, JinjaPython.Iterate(a[0]).Select(i => i is string or JinjaMarkup
                ? JinjaPython.Str(i)
                : throw JinjaException.Runtime($"sequence item: expected str instance, {JinjaPython.TypeName(i)} found")))),
            "splitlines" => Method("str.splitlines", 0, 0, _ => SplitLines(text)),
            "count" => Method("str.count", 1, 1, a => (long)Count(text, Text(a[0]))),
            "find" => Method("str.find", 1, 1, a => (long)Find(text, Text(a[0]))),
            "isdigit" => Method("str.isdigit", 0, 0, _ => PythonText.IsDigits(text)),
            "isspace" => Method("str.isspace", 0, 0, _ => text.Length > 0 && PythonText.IsBlank(text)),
            "isupper" => Method("str.isupper", 0, 0, _ => text.Any(char.IsLetter) && !text.Any(char.IsLower)),
            "islower" => Method("str.islower", 0, 0, _ => text.Any(char.IsLetter) && !text.Any(char.IsUpper)),
            "removeprefix" => Method("str.removeprefix", 1, 1, a => text.StartsWith(Text(a[0]), StringComparison.Ordinal) ? text[Text(a[0]).Length..] : text),
            "removesuffix" => Method("str.removesuffix", 1, 1, a => Text(a[0]).Length > 0 && text.EndsWith(Text(a[0]), StringComparison.Ordinal) ? text[..^Text(a[0]).Length] : text),
            _ => throw JinjaException.Unsupported($"the str method '{name}'"),
        };
    }

    public static object? OfSequence(object? value, string name) =>
        ListMethods.Contains(name) ? throw JinjaException.Unsupported($"the {JinjaPython.TypeName(value)} method '{name}'") : null;

    public static object? OfOther(object? value, string name) =>
        JinjaPython.IsNumber(value) && NumberAttributes.Contains(name)
            ? throw JinjaException.Unsupported($"the {JinjaPython.TypeName(value)} attribute '{name}'")
            : null;

    private static JinjaCallable Method(string name, int min, int max, Func<IReadOnlyList<object?>, object?> body) =>
        new(name, (args, kwargs) =>
        {
            if (kwargs.Count > 0)
            {
                throw JinjaException.Unsupported($"keyword arguments to {name}()");
            }

            if (args.Count < min || args.Count > max)
            {
                throw JinjaException.Runtime($"{name}() takes {(min == max ? $"{min}" : $"{min} to {max}")} arguments ({args.Count} given)");
            }

            foreach (var arg in args)
            {
                if (arg is JinjaUndefined u && name != "dict.get")
                {
                    throw u.Fail();
                }
            }

            return body(args);
        });

    private static object? Hashable(object? key) =>
        key is not null && !JinjaPython.IsHashable(key) ? throw JinjaException.Runtime($"unhashable type: '{JinjaPython.TypeName(key)}'") : key;

    internal static string Text(object? value) => value is string or JinjaMarkup
        ? JinjaPython.Str(value)
        : throw JinjaException.Runtime($"must be str, not {JinjaPython.TypeName(value)}");

    private static long Integer(object? value) => JinjaPython.IsInteger(value)
        ? JinjaPython.ToLong(value)
        : throw JinjaException.Runtime($"'{JinjaPython.TypeName(value)}' object cannot be interpreted as an integer");

    private static string? Separator(IReadOnlyList<object?> args) => args.Count == 0 || args[0] is null ? null : Text(args[0]);

    private static long MaxSplit(IReadOnlyList<object?> args) => args.Count > 1 ? Integer(args[1]) : -1;

    private static string? Chars(IReadOnlyList<object?> args) => args.Count == 0 || args[0] is null ? null : Text(args[0]);

    private static IEnumerable<string> Affixes(object? value, string method) => value switch
    {
        string or JinjaMarkup => [JinjaPython.Str(value)],
        JinjaTuple t => t.Items.Select(Text),
        _ => throw JinjaException.Runtime($"{method} first arg must be str or a tuple of str, not {JinjaPython.TypeName(value)}"),
    };

    /// <summary>Python's <c>str.split</c> and <c>rsplit</c>: on a separator, or on runs of whitespace when it is None.</summary>
    internal static List<object?> Split(string text, string? separator, long maxSplit, bool fromRight)
    {
        if (separator is { Length: 0 })
        {
            throw JinjaException.Runtime("empty separator");
        }

        var parts = new List<object?>();
        if (separator is not null)
        {
            if (!fromRight)
            {
                var start = 0;
                while (maxSplit < 0 || parts.Count < maxSplit)
                {
                    var at = text.IndexOf(separator, start, StringComparison.Ordinal);
                    if (at < 0)
                    {
                        break;
                    }

                    parts.Add(text[start..at]);
                    start = at + separator.Length;
                }

                parts.Add(text[start..]);
                return parts;
            }

            var end = text.Length;
            while (maxSplit < 0 || parts.Count < maxSplit)
            {
                var at = end - separator.Length < 0 ? -1 : text.LastIndexOf(separator, end - 1, end, StringComparison.Ordinal);
                if (at < 0 || at + separator.Length > end)
                {
                    break;
                }

                parts.Add(text[(at + separator.Length)..end]);
                end = at;
            }

            parts.Add(text[..end]);
            parts.Reverse();
            return parts;
        }

        // Whitespace runs; leading and trailing whitespace gives no empty parts.
        var words = new List<(int Start, int End)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && PythonText.IsSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            var s = i;
            while (i < text.Length && !PythonText.IsSpace(text[i]))
            {
                i++;
            }

            words.Add((s, i));
        }

        if (maxSplit < 0 || words.Count <= maxSplit)
        {
            return [.. words.Select(w => (object?)text[w.Start..w.End])];
        }

        if (!fromRight)
        {
            parts.AddRange(words.Take((int)maxSplit).Select(w => (object?)text[w.Start..w.End]));
            parts.Add(text[words[(int)maxSplit].Start..]);
            return parts;
        }

        var keep = words.Count - (int)maxSplit;
        parts.Add(text[..words[keep - 1].End]);
        parts.AddRange(words.Skip(keep).Select(w => (object?)text[w.Start..w.End]));
        return parts;
    }

    internal static string Strip(string text, string? chars, bool left, bool right)
    {
        bool Strips(char c) => chars is null ? PythonText.IsSpace(c) : chars.Contains(c, StringComparison.Ordinal);
        var start = 0;
        var end = text.Length;
        while (left && start < end && Strips(text[start]))
        {
            start++;
        }

        while (right && end > start && Strips(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    internal static string Replace(string text, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? ReplaceEmpty(text, replacement, long.MaxValue) : text.Replace(old, replacement, StringComparison.Ordinal);
        }

        if (old.Length == 0)
        {
            return ReplaceEmpty(text, replacement, count);
        }

        var builder = new StringBuilder();
        var start = 0;
        for (var done = 0L; done < count; done++)
        {
            var at = text.IndexOf(old, start, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            builder.Append(text, start, at - start).Append(replacement);
            start = at + old.Length;
        }

        return builder.Append(text, start, text.Length - start).ToString();
    }

    // Python inserts the replacement before every character and at the end.
    private static string ReplaceEmpty(string text, string replacement, long count)
    {
        var builder = new StringBuilder();
        var done = 0L;
        foreach (string c in JinjaPython.Characters(text).Cast<string>())
        {
            if (done < count)
            {
                builder.Append(replacement);
                done++;
            }

            builder.Append(c);
        }

        if (done < count)
        {
            builder.Append(replacement);
        }

        return builder.ToString();
    }

    internal static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..].ToLowerInvariant());

    internal static List<object?> SplitLines(string text)
    {
        var lines = new List<object?>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (PythonText.IsLineBoundary(text[i]))
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static int Count(string text, string sub)
    {
        if (sub.Length == 0)
        {
            return PythonText.Length(text) + 1;
        }

        var count = 0;
        for (var at = text.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = text.IndexOf(sub, at + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int Find(string text, string sub)
    {
        var at = text.IndexOf(sub, StringComparison.Ordinal);
        return at <= 0 ? at : PythonText.Length(text[..at]);
    }
}
