using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Changelog.Jinja;

/// <summary>
/// Jinja2 3.1's filters that towncrier templates use, with its semantics when autoescape is off (towncrier's setting).
/// A filter Jinja2 has but Slipway does not is refused by name when the template is parsed.
/// </summary>
internal static partial class JinjaFilters
{
    private static readonly HashSet<string> Supported = new(
        [
            "abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first", "indent", "int", "join", "last",
            "length", "list", "lower", "map", "reject", "rejectattr", "replace", "reverse", "safe", "select", "selectattr",
            "sort", "string", "sum", "title", "trim", "unique", "upper", "max", "min",
        ],
        StringComparer.Ordinal);

    private static readonly HashSet<string> JinjaOnly = new(
        [
            "attr", "batch", "center", "filesizeformat", "float", "forceescape", "format", "groupby", "items", "pprint",
            "random", "round", "slice", "striptags", "tojson", "truncate", "urlencode", "urlize", "wordcount", "wordwrap",
            "xmlattr",
        ],
        StringComparer.Ordinal);

    [GeneratedRegex(@"([-\s({\[<]+)")]
    private static partial Regex WordBeginning();

    /// <summary>Refuses, at parse time as Jinja2 does, a filter that does not exist or that Slipway does not have.</summary>
    public static void Check(string name, int line)
    {
        if (Supported.Contains(name))
        {
            return;
        }

        throw JinjaOnly.Contains(name)
            ? JinjaException.Unsupported($"the filter '{name}'", line)
            : JinjaException.Syntax($"No filter named '{name}'.", line);
    }

    public static bool Exists(string name) => Supported.Contains(name);

    public static object? Apply(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        JinjaArguments Bind(int required, params string[] names) => JinjaArguments.Bind(name, args, kwargs, required, names);
        switch (name)
        {
            case "abs":
                Bind(0);
                return value switch
                {
                    long l => (object)(l == long.MinValue ? throw JinjaException.Unsupported("an integer beyond 64 bits") : Math.Abs(l)),
                    bool b => b ? 1L : 0L,
                    double d => Math.Abs(d),
                    _ => throw JinjaException.Runtime($"bad operand type for abs(): '{JinjaPython.TypeName(value)}'"),
                };
            case "capitalize":
                Bind(0);
                return KeepMarkup(value, JinjaMethods.Capitalize(SoftStr(value)));
            case "count":
            case "length":
                Bind(0);
                return JinjaPython.Length(value);
            case "d":
            case "default":
            {
                var a = Bind(0, "default_value", "boolean");
                return value is JinjaUndefined || (JinjaPython.IsTrue(a.Or(1, false)) && !JinjaPython.IsTrue(value)) ? a.Or(0, string.Empty) : value;
            }

            case "dictsort":
            {
                var a = Bind(0, "case_sensitive", "by", "reverse");
                var by = a.Or(1, "key");
                var position = by switch
                {
                    "key" => 0,
                    "value" => 1,
                    _ => throw JinjaException.Runtime("You can only sort by either \"key\" or \"value\""),
                };
                var items = value switch
                {
                    JinjaDict d => d.Entries.Select(e => (object?)new JinjaTuple([e.Key, e.Value])).ToList(),
                    JinjaUndefined u => throw u.Fail(),
                    _ => throw JinjaException.Runtime($"'{JinjaPython.TypeName(value)}' object has no attribute 'items'"),
                };
                var caseSensitive = JinjaPython.IsTrue(a.Or(0, false));
                return Sorted(items, i => IgnoreCase(((JinjaTuple)i!).Items[position], caseSensitive), JinjaPython.IsTrue(a.Or(2, false)));
            }

            case "e":
            case "escape":
                Bind(0);
                return Escape(value);
            case "first":
            {
                Bind(0);
                var items = JinjaPython.Iterate(value);
                return items.Count > 0 ? items[0] : new JinjaUndefined("No first item, sequence was empty.");
            }

            case "last":
            {
                Bind(0);
                if (value is JinjaGenerator)
                {
                    throw JinjaException.Runtime("'generator' object is not reversible");
                }

                var items = JinjaPython.Iterate(value);
                return items.Count > 0 ? items[^1] : new JinjaUndefined("No last item, sequence was empty.");
            }

            case "indent":
            {
                var a = Bind(0, "width", "first", "blank");
                return Indent(value, a.Or(0, 4L), JinjaPython.IsTrue(a.Or(1, false)), JinjaPython.IsTrue(a.Or(2, false)));
            }

            case "int":
            {
                var a = Bind(0, "default", "base");
                if (!Equals(a.Or(1, 10L), 10L))
                {
                    throw JinjaException.Unsupported("the int filter with a base other than 10");
                }

                return ToInt(value, a.Or(0, 0L));
            }

            case "join":
            {
                var a = Bind(0, "d", "attribute");
                var items = JinjaPython.Iterate(value);
                if (a.Given(1) && a[1] is not null)
                {
                    var getter = AttributeGetter(a[1], null);
                    items = [.. items.Select(getter)];
                }

                return string.Join(JinjaPython.Str(a.Or(0, string.Empty)), items.Select(JinjaPython.Str));
            }

            case "list":
                Bind(0);
                return JinjaPython.Iterate(value).ToList();
            case "lower":
                Bind(0);
                return KeepMarkup(value, SoftStr(value).ToLowerInvariant());
            case "upper":
                Bind(0);
                return KeepMarkup(value, PythonText.Upper(SoftStr(value)));
            case "title":
                Bind(0);
                return KeepMarkup(value, Title(SoftStr(value)));
            case "map":
                return new JinjaGenerator(Map(value, args, kwargs));
            case "select":
            case "reject":
            case "selectattr":
            case "rejectattr":
                return new JinjaGenerator(Select(name, value, args, kwargs));
            case "replace":
            {
                var a = Bind(2, "old", "new", "count");
                var count = a.Or(2, null);
                return JinjaMethods.Replace(
                    JinjaPython.Str(value),
                    JinjaPython.Str(a[0]),
                    JinjaPython.Str(a[1]),
                    count is null ? -1 : JinjaPython.IsInteger(count) ? JinjaPython.ToLong(count) : throw JinjaException.Runtime("count must be an integer"));
            }

            case "reverse":
                Bind(0);
                return value switch
                {
                    string s => string.Concat(JinjaPython.Characters(s).AsEnumerable().Reverse().Cast<string>()),
                    JinjaMarkup m => new JinjaMarkup(string.Concat(JinjaPython.Characters(m.Text).AsEnumerable().Reverse().Cast<string>())),
                    JinjaGenerator g => g.Take().Reverse().ToList(),
                    _ => new JinjaGenerator(JinjaPython.Iterate(value).Reverse()),
                };
            case "safe":
                Bind(0);
                return value as JinjaMarkup ?? new JinjaMarkup(JinjaPython.Str(value));
            case "sort":
            {
                var a = Bind(0, "reverse", "case_sensitive", "attribute");
                var getter = AttributeGetter(a.Or(2, null), null);
                var caseSensitive = JinjaPython.IsTrue(a.Or(1, false));
                return Sorted(JinjaPython.Iterate(value), i => IgnoreCase(getter(i), caseSensitive), JinjaPython.IsTrue(a.Or(0, false)));
            }

            case "string":
                Bind(0);
                return value is JinjaMarkup ? value : JinjaPython.Str(value);
            case "sum":
            {
                var a = Bind(0, "attribute", "start");
                var getter = AttributeGetter(a.Or(0, null), null);
                return JinjaPython.Iterate(value).Aggregate(a.Or(1, 0L), (total, item) => JinjaPython.Add(total, getter(item)));
            }

            case "trim":
            {
                var a = Bind(0, "chars");
                var chars = a.Or(0, null);
                return JinjaMethods.Strip(SoftStr(value), chars is null ? null : JinjaMethods.Text(chars), left: true, right: true);
            }

            case "unique":
            {
                var a = Bind(0, "case_sensitive", "attribute");
                var getter = AttributeGetter(a.Or(1, null), null);
                var caseSensitive = JinjaPython.IsTrue(a.Or(0, false));
                return new JinjaGenerator(Unique(JinjaPython.Iterate(value), i => IgnoreCase(getter(i), caseSensitive)));
            }

            case "max":
            case "min":
            {
                var a = Bind(0, "case_sensitive", "attribute");
                var getter = AttributeGetter(a.Or(1, null), null);
                var caseSensitive = JinjaPython.IsTrue(a.Or(0, false));
                var items = JinjaPython.Iterate(value);
                if (items.Count == 0)
                {
                    return new JinjaUndefined($"No aggregated item, sequence was empty.");
                }

                var best = items[0];
                foreach (var item in items.Skip(1))
                {
                    var order = JinjaPython.Compare(IgnoreCase(getter(item), caseSensitive), IgnoreCase(getter(best), caseSensitive));
                    if (name == "max" ? order > 0 : order < 0)
                    {
                        best = item;
                    }
                }

                return best;
            }

            default:
                throw JinjaException.Syntax($"No filter named '{name}'.", 0);
        }
    }

    private static string SoftStr(object? value) => JinjaPython.Str(value);

    private static object KeepMarkup(object? value, string text) => value is JinjaMarkup ? new JinjaMarkup(text) : text;

    public static JinjaMarkup Escape(object? value)
    {
        if (value is JinjaMarkup markup)
        {
            return markup;
        }

        var text = JinjaPython.Str(value);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return new JinjaMarkup(builder.ToString());
    }

    // Jinja2's own title filter, not str.title: words begin after '-', whitespace or an opening bracket.
    private static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var item in WordBeginning().Split(text))
        {
            if (item.Length > 0)
            {
                builder.Append(char.ToUpperInvariant(item[0])).Append(item[1..].ToLowerInvariant());
            }
        }

        return builder.ToString();
    }

    private static object? IgnoreCase(object? value, bool caseSensitive) =>
        !caseSensitive && value is string or JinjaMarkup ? JinjaPython.Str(value).ToLowerInvariant() : value;

    private static List<object?> Sorted(IReadOnlyList<object?> items, Func<object?, object?> key, bool reverse)
    {
        var keys = items.Select(key).ToArray();
        var order = Enumerable.Range(0, items.Count).ToArray();
        var comparer = Comparer<int>.Create((x, y) => JinjaPython.Compare(keys[x], keys[y]));

        // Python's sort is stable either way round; reverse keeps equal items in their first order.
        try
        {
            var sorted = reverse ? order.OrderByDescending(i => i, comparer) : order.OrderBy(i => i, comparer);
            return [.. sorted.Select(i => items[i])];
        }
        catch (InvalidOperationException e) when (e.InnerException is JinjaException inner)
        {
            // The sort wraps what the comparison raised (a TypeError between mixed types, an undefined value).
            throw inner;
        }
    }

    private static IEnumerable<object?> Unique(IReadOnlyList<object?> items, Func<object?, object?> key)
    {
        var seen = new HashSet<object>(JinjaKeyComparer.Instance);
        foreach (var item in items)
        {
            var k = key(item) ?? "\0None";
            if (seen.Add(k))
            {
                yield return item;
            }
        }
    }

    /// <summary>Jinja2's <c>make_attrgetter</c>: <c>"a.b"</c> or <c>"0"</c> looked up item by item; Undefined gives the default.</summary>
    private static Func<object?, object?> AttributeGetter(object? attribute, object? fallback)
    {
        if (attribute is null)
        {
            return item => item;
        }

        var parts = attribute is string path
            ? path.Split('.').Select(p => PythonText.IsDigits(p) ? (object)long.Parse(p, CultureInfo.InvariantCulture) : p).ToArray()
            : [attribute];
        return item =>
        {
            foreach (var part in parts)
            {
                item = JinjaPython.GetItem(item, part);
            }

            return fallback is not null && item is JinjaUndefined ? fallback : item;
        };
    }

    private static IEnumerable<object?> Map(object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        Func<object?, object?> map;
        if (args.Count == 0 && kwargs.ContainsKey("attribute"))
        {
            if (kwargs.Keys.Any(k => k is not ("attribute" or "default")))
            {
                throw JinjaException.Runtime("Unexpected keyword argument to map");
            }

            map = AttributeGetter(kwargs["attribute"], kwargs.GetValueOrDefault("default"));
        }
        else
        {
            if (args.Count == 0)
            {
                throw JinjaException.Runtime("map requires a filter argument");
            }

            var filter = args[0] as string ?? throw JinjaException.Runtime("map requires a filter name");
            if (!Exists(filter))
            {
                Check(filter, 0);
            }

            var rest = args.Skip(1).ToList();
            map = item => Apply(filter, item, rest, kwargs);
        }

        if (!JinjaPython.IsTrue(value) && value is not JinjaGenerator)
        {
            yield break;
        }

        foreach (var item in JinjaPython.Iterate(value))
        {
            yield return map(item);
        }
    }

    private static IEnumerable<object?> Select(string filter, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var byAttribute = filter.EndsWith("attr", StringComparison.Ordinal);
        var keep = filter.StartsWith("select", StringComparison.Ordinal);
        var offset = 0;
        var getter = AttributeGetter(null, null);
        if (byAttribute)
        {
            if (args.Count == 0)
            {
                throw JinjaException.Runtime("Missing parameter for attribute name");
            }

            getter = AttributeGetter(args[0], null);
            offset = 1;
        }

        Func<object?, bool> test;
        if (args.Count > offset)
        {
            var name = args[offset] as string ?? throw JinjaException.Runtime($"{filter} requires a test name");
            JinjaTests.Check(name, 0);
            var rest = args.Skip(offset + 1).ToList();
            test = item => JinjaTests.Apply(name, item, rest, kwargs);
        }
        else
        {
            test = JinjaPython.IsTrue;
        }

        if (!JinjaPython.IsTrue(value) && value is not JinjaGenerator)
        {
            yield break;
        }

        foreach (var item in JinjaPython.Iterate(value))
        {
            if (test(getter(item)) == keep)
            {
                yield return item;
            }
        }
    }

    private static object? Indent(object? value, object? width, bool first, bool blank)
    {
        if (value is JinjaUndefined u)
        {
            // Jinja2 appends a newline to the value first, and Undefined refuses to be added to.
            throw u.Fail();
        }

        var indentation = width is string or JinjaMarkup
            ? JinjaPython.Str(width)
            : JinjaPython.IsInteger(width) ? new string(' ', (int)Math.Max(0, JinjaPython.ToLong(width))) : throw JinjaException.Runtime("indent width must be an integer or a string");
        var text = value is string or JinjaMarkup ? JinjaPython.Str(value) : throw JinjaException.Runtime($"unsupported operand type(s) for +=: '{JinjaPython.TypeName(value)}' and 'str'");
        var lines = JinjaMethods.SplitLines(text + "\n").Cast<string>().ToList();
        string result;
        if (blank)
        {
            result = string.Join("\n" + indentation, lines);
        }
        else
        {
            result = lines[0];
            if (lines.Count > 1)
            {
                result += "\n" + string.Join('\n', lines.Skip(1).Select(l => l.Length > 0 ? indentation + l : l));
            }
        }

        if (first)
        {
            result = indentation + result;
        }

        return value is JinjaMarkup ? new JinjaMarkup(result) : result;
    }

    private static object? ToInt(object? value, object? fallback)
    {
        switch (value)
        {
            case JinjaUndefined u:
                throw u.Fail();
            case long or bool:
                return JinjaPython.ToLong(value);
            case double d:
                return double.IsFinite(d) ? (long)Math.Truncate(d) : throw JinjaException.Runtime("cannot convert float infinity or NaN to integer");
            case string or JinjaMarkup:
            {
                var text = PythonText.Strip(JinjaPython.Str(value));
                if (PythonText.IsPythonInt(text))
                {
                    return long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                        ? n
                        : throw JinjaException.Unsupported("an integer beyond 64 bits");
                }

                if (text.Length > 0 && !text.Contains('_', StringComparison.Ordinal) && !text.Contains(',', StringComparison.Ordinal)
                    && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
                {
                    return double.IsFinite(f) ? (long)Math.Truncate(f) : fallback;
                }

                return fallback;
            }

            default:
                return fallback;
        }
    }
}
