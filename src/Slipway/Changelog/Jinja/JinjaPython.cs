using System.Globalization;
using System.Text;

namespace Slipway.Changelog.Jinja;

/// <summary>
/// Python's semantics for the values a template handles: truthiness, <c>str()</c> and <c>repr()</c>, equality and
/// ordering, arithmetic, iteration, length, membership, attribute and item lookup as Jinja2's environment does them.
/// Values are <c>null</c> (None), <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/>,
/// <see cref="List{T}"/> of objects, and the Jinja* types of this folder.
/// </summary>
internal static class JinjaPython
{
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        JinjaMarkup => "Markup",
        List<object?> => "list",
        JinjaTuple => "tuple",
        JinjaDict => "dict",
        JinjaDictView v => v.Kind,
        JinjaRange => "range",
        JinjaGenerator => "generator",
        JinjaUndefined => "Undefined",
        JinjaNamespace => "Namespace",
        JinjaLoop => "LoopContext",
        JinjaCallable => "function",
        _ => value.GetType().Name,
    };

    public static bool IsHashable(object value) => value is not (List<object?> or JinjaDict or JinjaNamespace)
        && (value is not JinjaTuple t || t.Items.All(i => i is null || IsHashable(i)));

    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        JinjaMarkup m => m.Text.Length > 0,
        List<object?> l => l.Count > 0,
        JinjaTuple t => t.Items.Count > 0,
        JinjaDict d => d.Count > 0,
        JinjaDictView v => v.Items.Count > 0,
        JinjaRange r => r.Count > 0,
        JinjaUndefined => false,
        _ => true,
    };

    /// <summary>Python's <c>str()</c>, which is what <c>{{ }}</c> prints.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        JinjaMarkup m => m.Text,
        JinjaUndefined => string.Empty,
        _ => Repr(value),
    };

    public static string Repr(object? value)
    {
        switch (value)
        {
            case null:
                return "None";
            case bool b:
                return b ? "True" : "False";
            case long l:
                return l.ToString(CultureInfo.InvariantCulture);
            case double d:
                return FloatRepr(d);
            case string s:
                return StringRepr(s);
            case JinjaMarkup m:
                return $"Markup({StringRepr(m.Text)})";
            case List<object?> list:
                return "[" + string.Join(", ", list.Select(Repr)) + "]";
            case JinjaTuple t:
                return t.Items.Count == 1 ? $"({Repr(t.Items[0])},)" : "(" + string.Join(", ", t.Items.Select(Repr)) + ")";
            case JinjaDict d:
                return "{" + string.Join(", ", d.Entries.Select(e => $"{Repr(e.Key)}: {Repr(e.Value)}")) + "}";
            case JinjaDictView v:
                return $"{v.Kind}([" + string.Join(", ", v.Items.Select(Repr)) + "])";
            case JinjaRange r:
                return r.Step == 1
                    ? FormattableString.Invariant($"range({r.Start}, {r.Stop})")
                    : FormattableString.Invariant($"range({r.Start}, {r.Stop}, {r.Step})");
            case JinjaUndefined:
                return string.Empty;
            default:
                // Python prints these with a memory address: no output could match it.
                throw JinjaException.Unsupported($"printing a {TypeName(value)} object");
        }
    }

    public static string StringRepr(string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(s.Length + 2).Append(quote);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == quote || c == '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c == '\n')
            {
                builder.Append("\\n");
            }
            else if (c == '\r')
            {
                builder.Append("\\r");
            }
            else if (c == '\t')
            {
                builder.Append("\\t");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                var code = char.ConvertToUtf32(c, s[i + 1]);
                var category = CharUnicodeInfo.GetUnicodeCategory(code);
                if (category is UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Format)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"\\U{code:x8}");
                }
                else
                {
                    builder.Append(c).Append(s[i + 1]);
                }

                i++;
            }
            else if (!IsPrintable(c))
            {
                builder.Append(((int)c).ToString(c < 0x100 ? "x2" : "x4", CultureInfo.InvariantCulture).Insert(0, c < 0x100 ? "\\x" : "\\u"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append(quote).ToString();
    }

    private static bool IsPrintable(char c) => c == ' ' || CharUnicodeInfo.GetUnicodeCategory(c) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.SpaceSeparator);

    /// <summary>Python's float repr: the shortest digits that round-trip, fixed notation for exponents -4..15.</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var shortest = d.ToString("R", CultureInfo.InvariantCulture);

        // Digits and decimal exponent of the shortest round-trip form.
        var negative = shortest.StartsWith('-');
        var body = negative ? shortest[1..] : shortest;
        var exponent = 0;
        var e = body.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }

        var point = body.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? body : body.Remove(point, 1);
        var pointPosition = (point < 0 ? body.Length : point) + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
            pointPosition--;
        }

        digits = digits[leading..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var decimalExponent = pointPosition - 1;
        string text;
        if (decimalExponent is >= -4 and < 16)
        {
            if (pointPosition <= 0)
            {
                text = "0." + new string('0', -pointPosition) + digits;
            }
            else if (pointPosition >= digits.Length)
            {
                text = digits + new string('0', pointPosition - digits.Length) + ".0";
            }
            else
            {
                text = digits[..pointPosition] + "." + digits[pointPosition..];
            }
        }
        else
        {
            var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            text = mantissa + (decimalExponent < 0 ? "e-" : "e+") + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
        }

        return negative ? "-" + text : text;
    }

    public static bool AreEqual(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a) == ToDouble(b) : ToLong(a) == ToLong(b);
        }

        return (a, b) switch
        {
            (string or JinjaMarkup, string or JinjaMarkup) => string.Equals(Str(a), Str(b), StringComparison.Ordinal),
            (List<object?> x, List<object?> y) => SequenceEqual(x, y),
            (JinjaTuple x, JinjaTuple y) => SequenceEqual(x.Items, y.Items),
            (JinjaDict x, JinjaDict y) => x.Count == y.Count && x.Entries.All(e => y.TryGet(e.Key, out var v) && AreEqual(e.Value, v)),
            (JinjaUndefined, JinjaUndefined) => true,
            (JinjaRange x, JinjaRange y) => x == y,
            _ => false,
        };
    }

    private static bool SequenceEqual(IReadOnlyList<object?> x, IReadOnlyList<object?> y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        for (var i = 0; i < x.Count; i++)
        {
            if (!AreEqual(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Python's ordering (<c>&lt;</c>), for comparisons and sorting; mixed types raise as in Python.</summary>
    public static int Compare(object? a, object? b, string op = "<")
    {
        if (a is JinjaUndefined u)
        {
            throw u.Fail();
        }

        if (b is JinjaUndefined v)
        {
            throw v.Fail();
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a).CompareTo(ToDouble(b)) : ToLong(a).CompareTo(ToLong(b));
        }

        return (a, b) switch
        {
            (string or JinjaMarkup, string or JinjaMarkup) => Math.Sign(PythonText.CompareCodePoints(Str(a), Str(b))),
            (List<object?> x, List<object?> y) => CompareSequences(x, y, op),
            (JinjaTuple x, JinjaTuple y) => CompareSequences(x.Items, y.Items, op),
            _ => throw JinjaException.Runtime($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'"),
        };
    }

    private static int CompareSequences(IReadOnlyList<object?> x, IReadOnlyList<object?> y, string op)
    {
        var length = Math.Min(x.Count, y.Count);
        for (var i = 0; i < length; i++)
        {
            if (!AreEqual(x[i], y[i]))
            {
                return Compare(x[i], y[i], op);
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static bool IsInteger(object? value) => value is long or bool;

    public static long ToLong(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException("not an integer"),
    };

    public static double ToDouble(object? value) => value switch
    {
        double d => d,
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException("not a number"),
    };

    private static void FailIfUndefined(object? a, object? b)
    {
        if (a is JinjaUndefined u)
        {
            throw u.Fail();
        }

        if (b is JinjaUndefined v)
        {
            throw v.Fail();
        }
    }

    private static JinjaException Operands(string op, object? a, object? b) =>
        JinjaException.Runtime($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'");

    public static object? Add(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? (object)(ToDouble(a) + ToDouble(b)) : Checked(() => checked(ToLong(a) + ToLong(b)));
        }

        return (a, b) switch
        {
            (JinjaMarkup x, string or JinjaMarkup) => new JinjaMarkup(x.Text + JinjaFilters.Escape(b).Text),
            (string x, JinjaMarkup y) => new JinjaMarkup(JinjaFilters.Escape(x).Text + y.Text),
            (string x, string y) => x + y,
            (List<object?> x, List<object?> y) => (List<object?>)[.. x, .. y],
            (JinjaTuple x, JinjaTuple y) => new JinjaTuple([.. x.Items, .. y.Items]),
            _ => throw Operands("+", a, b),
        };
    }

    public static object? Subtract(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? (object)(ToDouble(a) - ToDouble(b)) : Checked(() => checked(ToLong(a) - ToLong(b)));
        }

        throw Operands("-", a, b);
    }

    public static object? Multiply(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? (object)(ToDouble(a) * ToDouble(b)) : Checked(() => checked(ToLong(a) * ToLong(b)));
        }

        if (IsInteger(a) && b is string or JinjaMarkup or List<object?> or JinjaTuple)
        {
            (a, b) = (b, a);
        }

        if (IsInteger(b))
        {
            var times = ToLong(b);
            switch (a)
            {
                case string s:
                    return Repeat(s, times);
                case JinjaMarkup m:
                    return new JinjaMarkup(Repeat(m.Text, times));
                case List<object?> list:
                    return RepeatItems(list, times);
                case JinjaTuple t:
                    return new JinjaTuple(RepeatItems(t.Items, times));
                default:
                    break;
            }
        }

        throw Operands("*", a, b);
    }

    private static string Repeat(string s, long times)
    {
        if (times <= 0 || s.Length == 0)
        {
            return string.Empty;
        }

        if (times > 100_000_000 / s.Length)
        {
            throw JinjaException.Runtime("repeated string too long");
        }

        return new StringBuilder(s.Length * (int)times).Insert(0, s, (int)times).ToString();
    }

    private static List<object?> RepeatItems(IReadOnlyList<object?> items, long times)
    {
        if (items.Count > 0 && times > 10_000_000 / items.Count)
        {
            throw JinjaException.Runtime("repeated list too long");
        }

        var result = new List<object?>();
        for (var i = 0L; i < times; i++)
        {
            result.AddRange(items);
        }

        return result;
    }

    public static object? Divide(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (IsNumber(a) && IsNumber(b))
        {
            var divisor = ToDouble(b);
            return divisor == 0 ? throw JinjaException.Runtime("division by zero") : ToDouble(a) / divisor;
        }

        throw Operands("/", a, b);
    }

    public static object? FloorDivide(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (IsNumber(a) && IsNumber(b))
        {
            if (a is double || b is double)
            {
                var divisor = ToDouble(b);
                return divisor == 0 ? throw JinjaException.Runtime("float floor division by zero") : Math.Floor(ToDouble(a) / divisor);
            }

            var (x, y) = (ToLong(a), ToLong(b));
            if (y == 0)
            {
                throw JinjaException.Runtime("integer division or modulo by zero");
            }

            var q = x / y;
            return (x % y != 0) && ((x < 0) != (y < 0)) ? q - 1 : q;
        }

        throw Operands("//", a, b);
    }

    public static object? Modulo(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (a is string or JinjaMarkup)
        {
            throw JinjaException.Unsupported("'%' string formatting");
        }

        if (IsNumber(a) && IsNumber(b))
        {
            if (a is double || b is double)
            {
                var (x, y) = (ToDouble(a), ToDouble(b));
                if (y == 0)
                {
                    throw JinjaException.Runtime("float modulo");
                }

                var r = x % y;
                return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
            }

            var (m, n) = (ToLong(a), ToLong(b));
            if (n == 0)
            {
                throw JinjaException.Runtime("integer division or modulo by zero");
            }

            var rest = m % n;
            return rest != 0 && ((rest < 0) != (n < 0)) ? rest + n : rest;
        }

        throw Operands("%", a, b);
    }

    public static object? Power(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (IsNumber(a) && IsNumber(b))
        {
            if (a is double || b is double || ToLong(b) < 0)
            {
                return Math.Pow(ToDouble(a), ToDouble(b));
            }

            var (x, y) = (ToLong(a), ToLong(b));
            return Checked(() =>
            {
                var result = 1L;
                for (var i = 0L; i < y; i++)
                {
                    result = checked(result * x);
                    if (result is 0 or 1 && i > 0)
                    {
                        break;
                    }
                }

                return result;
            });
        }

        throw Operands("**", a, b);
    }

    public static object? Negate(object? a) => a switch
    {
        JinjaUndefined u => throw u.Fail(),
        double d => (object)(-d),
        long or bool => Checked(() => checked(-ToLong(a))),
        _ => throw JinjaException.Runtime($"bad operand type for unary -: '{TypeName(a)}'"),
    };

    public static object? Plus(object? a) => a switch
    {
        JinjaUndefined u => throw u.Fail(),
        double d => (object)d,
        long or bool => ToLong(a),
        _ => throw JinjaException.Runtime($"bad operand type for unary +: '{TypeName(a)}'"),
    };

    private static long Checked(Func<long> operation)
    {
        try
        {
            return operation();
        }
        catch (OverflowException)
        {
            throw JinjaException.Unsupported("an integer beyond 64 bits");
        }
    }

    /// <summary>Python's iteration, materialised: a string's characters, a dict's keys; Undefined iterates as empty.</summary>
    public static IReadOnlyList<object?> Iterate(object? value) => value switch
    {
        List<object?> list => list,
        JinjaTuple t => t.Items,
        JinjaDict d => [.. d.Entries.Keys],
        JinjaDictView v => v.Items,
        string s => Characters(s),
        JinjaMarkup m => Characters(m.Text),
        JinjaRange r => RangeItems(r),
        JinjaGenerator g => [.. g.Take()],
        JinjaUndefined => [],
        _ => throw JinjaException.Runtime($"'{TypeName(value)}' object is not iterable"),
    };

    private static List<object?> RangeItems(JinjaRange r)
    {
        if (r.Count > 10_000_000)
        {
            throw JinjaException.Runtime("range too large");
        }

        var items = new List<object?>((int)r.Count);
        for (var i = 0L; i < r.Count; i++)
        {
            items.Add(r[i]);
        }

        return items;
    }

    public static List<object?> Characters(string s)
    {
        var items = new List<object?>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                items.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                items.Add(s[i].ToString());
            }
        }

        return items;
    }

    public static long Length(object? value) => value switch
    {
        string s => PythonText.Length(s),
        JinjaMarkup m => PythonText.Length(m.Text),
        List<object?> list => list.Count,
        JinjaTuple t => t.Items.Count,
        JinjaDict d => d.Count,
        JinjaDictView v => v.Items.Count,
        JinjaRange r => r.Count,
        JinjaUndefined => 0,
        _ => throw JinjaException.Runtime($"object of type '{TypeName(value)}' has no len()"),
    };

    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string or JinjaMarkup:
                return item is string or JinjaMarkup
                    ? Str(container).Contains(Str(item), StringComparison.Ordinal)
                    : item is JinjaUndefined u ? throw u.Fail()
                    : throw JinjaException.Runtime($"'in <string>' requires string as left operand, not {TypeName(item)}");
            case JinjaDict d:
                return item is not null && !IsHashable(item)
                    ? throw JinjaException.Runtime($"unhashable type: '{TypeName(item)}'")
                    : d.TryGet(item, out _);
            case List<object?> or JinjaTuple or JinjaDictView or JinjaRange or JinjaGenerator or JinjaUndefined:
                return Iterate(container).Any(i => AreEqual(i, item));
            default:
                throw JinjaException.Runtime($"argument of type '{TypeName(container)}' is not iterable");
        }
    }

    /// <summary>Jinja2's <c>environment.getattr</c>: the attribute, else the item of that name, else Undefined.</summary>
    public static object? GetAttribute(object? value, string name)
    {
        if (value is JinjaUndefined u)
        {
            throw u.Fail();
        }

        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            throw JinjaException.Unsupported($"the attribute '{name}'");
        }

        return TryAttribute(value, name, out var attribute) ? attribute : ItemOrUndefined(value, name);
    }

    private static object? ItemOrUndefined(object? value, string name) => value switch
    {
        JinjaDict d when d.TryGet(name, out var item) => item,
        _ => new JinjaUndefined($"'{Owner(value)}' has no attribute '{name}'"),
    };

    private static string Owner(object? value) => value is null ? "None" : $"{TypeName(value)} object";

    private static bool TryAttribute(object? value, string name, out object? attribute)
    {
        switch (value)
        {
            case JinjaLoop loop:
                attribute = loop.Member(name);
                return attribute is not JinjaUndefined;
            case JinjaNamespace space:
                return space.Attributes.TryGetValue(name, out attribute);
            case JinjaRange range when name is "start" or "stop" or "step":
                attribute = name switch { "start" => range.Start, "stop" => range.Stop, _ => range.Step };
                return true;
            default:
                attribute = value switch
                {
                    JinjaDict d => JinjaMethods.OfDict(d, name),
                    string s => JinjaMethods.OfString(s, name),
                    JinjaMarkup m => JinjaMethods.OfString(m.Text, name),
                    List<object?> or JinjaTuple => JinjaMethods.OfSequence(value, name),
                    _ => JinjaMethods.OfOther(value, name),
                };
                return attribute is not null;
        }
    }

    /// <summary>Jinja2's <c>environment.getitem</c>: the item, else (for a string key) the attribute, else Undefined.</summary>
    public static object? GetItem(object? value, object? key)
    {
        switch (value)
        {
            case JinjaUndefined u:
                throw u.Fail();
            case JinjaDict d:
                if (d.TryGet(key, out var item))
                {
                    return item;
                }

                break;
            case List<object?> or JinjaTuple or string or JinjaMarkup or JinjaRange when IsInteger(key):
                var items = value is JinjaRange range ? null : Sequence(value);
                var count = items?.Count ?? ((JinjaRange)value!).Count;
                var index = ToLong(key);
                if (index < 0)
                {
                    index += count;
                }

                if (index >= 0 && index < count)
                {
                    return items is null ? ((JinjaRange)value!)[index] : items[(int)index];
                }

                break;
            default:
                break;
        }

        if (key is string name)
        {
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                throw JinjaException.Unsupported($"the attribute '{name}'");
            }

            return TryAttribute(value, name, out var attribute)
                ? attribute
                : new JinjaUndefined($"'{Owner(value)}' has no attribute '{name}'");
        }

        return new JinjaUndefined($"'{Owner(value)}' has no element {Repr(key)}");
    }

    private static IReadOnlyList<object?> Sequence(object? value) => value switch
    {
        List<object?> list => list,
        JinjaTuple t => t.Items,
        string s => Characters(s),
        JinjaMarkup m => Characters(m.Text),
        _ => Iterate(value),
    };

    /// <summary>Python's <c>value[start:stop:step]</c>.</summary>
    public static object? Slice(object? value, object? start, object? stop, object? step)
    {
        if (value is JinjaUndefined u)
        {
            throw u.Fail();
        }

        foreach (var bound in new[] { start, stop, step })
        {
            if (bound is JinjaUndefined b)
            {
                throw b.Fail();
            }

            if (bound is not null && !IsInteger(bound))
            {
                throw JinjaException.Runtime("slice indices must be integers or None");
            }
        }

        if (value is not (List<object?> or JinjaTuple or string or JinjaMarkup))
        {
            return value is JinjaDict or JinjaRange or JinjaNamespace or JinjaLoop or null or long or double or bool
                ? new JinjaUndefined($"'{Owner(value)}' has no element slice")
                : throw JinjaException.Unsupported($"slicing a {TypeName(value)}");
        }

        var items = Sequence(value);
        var n = (long)items.Count;
        var by = step is null ? 1 : ToLong(step);
        if (by == 0)
        {
            throw JinjaException.Runtime("slice step cannot be zero");
        }

        long Clamp(object? bound, long fallback, long low, long high)
        {
            if (bound is null)
            {
                return fallback;
            }

            var i = ToLong(bound);
            if (i < 0)
            {
                i += n;
            }

            return Math.Clamp(i, low, high);
        }

        var selected = new List<object?>();
        if (by > 0)
        {
            for (long i = Clamp(start, 0, 0, n), end = Clamp(stop, n, 0, n); i < end; i += by)
            {
                selected.Add(items[(int)i]);
            }
        }
        else
        {
            for (long i = Clamp(start, n - 1, -1, n - 1), end = Clamp(stop, -1, -1, n - 1); i > end; i += by)
            {
                selected.Add(items[(int)i]);
            }
        }

        return value switch
        {
            string => string.Concat(selected.Cast<string>()),
            JinjaMarkup => new JinjaMarkup(string.Concat(selected.Cast<string>())),
            JinjaTuple => new JinjaTuple(selected),
            _ => selected,
        };
    }
}
