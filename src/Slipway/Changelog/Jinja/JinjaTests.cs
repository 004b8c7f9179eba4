namespace Slipway.Changelog.Jinja;

/// <summary>Jinja2 3.1's tests (<c>x is defined</c>, <c>n is divisibleby 3</c>), refused by name when Slipway lacks one.</summary>
internal static class JinjaTests
{
    private static readonly HashSet<string> Supported = new(
        [
            "defined", "undefined", "none", "boolean", "true", "false", "integer", "float", "number", "string", "mapping",
            "sequence", "iterable", "callable", "lower", "upper", "odd", "even", "divisibleby", "in", "escaped",
            "eq", "equalto", "==", "ne", "!=", "lt", "lessthan", "<", "le", "<=", "gt", "greaterthan", ">", "ge", ">=", "sameas",
        ],
        StringComparer.Ordinal);

    private static readonly HashSet<string> JinjaOnly = new(["filter", "test"], StringComparer.Ordinal);

    public static void Check(string name, int line)
    {
        if (Supported.Contains(name))
        {
            return;
        }

        throw JinjaOnly.Contains(name)
            ? JinjaException.Unsupported($"the test '{name}'", line)
            : JinjaException.Syntax($"No test named '{name}'.", line);
    }

    public static bool Apply(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        object? Other()
        {
            var a = JinjaArguments.Bind(name, args, kwargs, 1, "other");
            return a[0];
        }

        void None() => JinjaArguments.Bind(name, args, kwargs, 0);

        switch (name)
        {
            case "defined":
                None();
                return value is not JinjaUndefined;
            case "undefined":
                None();
                return value is JinjaUndefined;
            case "none":
                None();
                return value is null;
            case "boolean":
                None();
                return value is bool;
            case "true":
                None();
                return value is true;
            case "false":
                None();
                return value is false;
            case "integer":
                None();
                return value is long;
            case "float":
                None();
                return value is double;
            case "number":
                None();
                return JinjaPython.IsNumber(value);
            case "string":
                None();
                return value is string or JinjaMarkup;
            case "mapping":
                None();
                return value is JinjaDict;
            case "sequence":
                None();
                return value is string or JinjaMarkup or List<object?> or JinjaTuple or JinjaDict or JinjaRange or JinjaUndefined;
            case "iterable":
                None();
                return value is string or JinjaMarkup or List<object?> or JinjaTuple or JinjaDict or JinjaDictView or JinjaRange or JinjaGenerator or JinjaUndefined;
            case "callable":
                None();
                return value is JinjaCallable or JinjaUndefined;
            case "escaped":
                None();
                return value is JinjaMarkup;
            case "lower":
            {
                None();
                var text = JinjaPython.Str(value);
                return text.Any(char.IsLetter) && !text.Any(char.IsUpper);
            }

            case "upper":
            {
                None();
                var text = JinjaPython.Str(value);
                return text.Any(char.IsLetter) && !text.Any(char.IsLower);
            }

            case "odd":
                None();
                return JinjaPython.AreEqual(JinjaPython.Modulo(value, 2L), 1L);
            case "even":
                None();
                return JinjaPython.AreEqual(JinjaPython.Modulo(value, 2L), 0L);
            case "divisibleby":
                return JinjaPython.AreEqual(JinjaPython.Modulo(value, JinjaArguments.Bind(name, args, kwargs, 1, "num")[0]), 0L);
            case "in":
                return JinjaPython.Contains(JinjaArguments.Bind(name, args, kwargs, 1, "seq")[0], value);
            case "eq" or "equalto" or "==":
                return JinjaPython.AreEqual(value, Other());
            case "ne" or "!=":
                return !JinjaPython.AreEqual(value, Other());
            case "lt" or "lessthan" or "<":
                return JinjaPython.Compare(value, Other(), "<") < 0;
            case "le" or "<=":
                return JinjaPython.Compare(value, Other(), "<=") <= 0;
            case "gt" or "greaterthan" or ">":
                return JinjaPython.Compare(value, Other(), ">") > 0;
            case "ge" or ">=":
                return JinjaPython.Compare(value, Other(), ">=") >= 0;
            case "sameas":
            {
                var other = Other();

                // Identity is only observable, the same in Python and here, for None, True and False.
                return other is null or bool || value is null or bool
                    ? Equals(value, other) && value?.GetType() == other?.GetType()
                    : throw JinjaException.Unsupported("'sameas' with an operand other than none, true or false");
            }

            default:
                throw JinjaException.Syntax($"No test named '{name}'.", 0);
        }
    }
}
