using System.Globalization;
using System.Text;

namespace Slipway.Changelog.Jinja;

/// <summary>
/// Parses Jinja2's grammar (its precedence, its <c>for … if …</c>, its inline <c>if</c> without <c>else</c>) and
/// compiles it straight to closures. A tag, filter or test outside the subset is refused here, before any output.
/// </summary>
internal sealed class JinjaParser
{
    private static readonly HashSet<string> JinjaTags = new(
        ["block", "extends", "macro", "call", "filter", "include", "from", "import", "autoescape", "trans"],
        StringComparer.Ordinal);

    private static readonly Dictionary<string, object?> Constants = new(StringComparer.Ordinal)
    {
        ["true"] = true,
        ["True"] = true,
        ["false"] = false,
        ["False"] = false,
        ["none"] = null,
        ["None"] = null,
    };

    private static readonly IReadOnlyDictionary<string, object?> NoKeywords = new Dictionary<string, object?>();

    // Deeper nesting than any real template has; the limit keeps a hostile one from exhausting the stack.
    private const int MaxDepth = 100;

    private readonly List<JinjaToken> _tokens;
    private int _position;
    private int _depth;

    private JinjaParser(List<JinjaToken> tokens) => _tokens = tokens;

    private JinjaToken Current => _tokens[_position];

    private JinjaToken Peek => _tokens[Math.Min(_position + 1, _tokens.Count - 1)];

    public static JinjaStatement Parse(string source)
    {
        var parser = new JinjaParser(JinjaLexer.Tokenize(source));
        var (body, end) = parser.Subparse([]);
        if (end is not null)
        {
            throw JinjaException.Syntax($"Encountered unknown tag '{end}'.", parser.Current.Line);
        }

        return body;
    }

    private JinjaToken Next()
    {
        var token = Current;
        if (_position < _tokens.Count - 1)
        {
            _position++;
        }

        return token;
    }

    private bool SkipName(string name)
    {
        if (Current.IsName(name))
        {
            Next();
            return true;
        }

        return false;
    }

    private bool SkipOperator(string op)
    {
        if (Current.IsOperator(op))
        {
            Next();
            return true;
        }

        return false;
    }

    private JinjaToken Expect(JinjaTokenKind kind, string? value, string what)
    {
        var token = Current;
        if (token.Kind != kind || (value is not null && token.Value != value))
        {
            throw token.Kind == JinjaTokenKind.End
                ? JinjaException.Syntax($"unexpected end of template, expected {what}", token.Line)
                : JinjaException.Syntax($"expected token {what}, got {token.Describe()}", token.Line);
        }

        return Next();
    }

    private void ExpectBlockEnd() => Expect(JinjaTokenKind.BlockEnd, null, "'end of statement block'");

    /// <summary>Statements up to one of the end tags (whose name is left current), or to the end of the template.</summary>
    private (JinjaStatement Body, string? End) Subparse(string[] endTags)
    {
        var statements = new List<JinjaStatement>();
        var text = new StringBuilder();

        void FlushText()
        {
            if (text.Length > 0)
            {
                var data = text.ToString();
                statements.Add((_, output) => output.Append(data));
                text.Clear();
            }
        }

        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case JinjaTokenKind.End:
                    if (endTags.Length > 0)
                    {
                        throw JinjaException.Syntax(
                            $"Unexpected end of template. Jinja was looking for the following tags: {string.Join(" or ", endTags.Select(t => $"'{t}'"))}.",
                            token.Line);
                    }

                    FlushText();
                    return (Sequence(statements), null);
                case JinjaTokenKind.Data:
                    text.Append(Next().Value);
                    break;
                case JinjaTokenKind.VariableBegin:
                {
                    Next();
                    FlushText();
                    var line = token.Line;
                    var expression = ParseTuple(withCondition: true, explicitParentheses: false);
                    Expect(JinjaTokenKind.VariableEnd, null, "'end of print statement'");
                    statements.Add(Print(expression, line));
                    break;
                }

                case JinjaTokenKind.BlockBegin:
                {
                    Next();
                    var name = Current;
                    if (name.Kind != JinjaTokenKind.Name)
                    {
                        throw JinjaException.Syntax("tag name expected", name.Line);
                    }

                    if (endTags.Contains(name.Value))
                    {
                        FlushText();
                        return (Sequence(statements), name.Value);
                    }

                    FlushText();
                    statements.Add(ParseStatement());
                    break;
                }

                default:
                    throw JinjaException.Syntax($"unexpected {token.Describe()}", token.Line);
            }
        }
    }

    private static JinjaStatement Print(JinjaExpression expression, int line) => (scope, output) =>
    {
        scope.Line = line;
        output.Append(JinjaPython.Str(expression(scope)));
    };

    private static JinjaStatement Sequence(List<JinjaStatement> statements)
    {
        if (statements.Count == 1)
        {
            return statements[0];
        }

        var all = statements.ToArray();
        return (scope, output) =>
        {
            foreach (var statement in all)
            {
                statement(scope, output);
            }
        };
    }

    private JinjaStatement ParseStatement()
    {
        Enter();
        try
        {
            return Statement();
        }
        finally
        {
            _depth--;
        }
    }

    private JinjaStatement Statement()
    {
        var token = Current;
        switch (token.Value)
        {
            case "if":
                return ParseIf();
            case "for":
                return ParseFor();
            case "set":
                return ParseSet();
            case "with":
                return ParseWith();
            case "print":
            {
                Next();
                var expression = ParseTuple(withCondition: true, explicitParentheses: false);
                ExpectBlockEnd();
                return Print(expression, token.Line);
            }

            default:
                throw JinjaTags.Contains(token.Value)
                    ? JinjaException.Unsupported($"the '{{% {token.Value} %}}' tag", token.Line)
                    : JinjaException.Syntax($"Encountered unknown tag '{token.Value}'.", token.Line);
        }
    }

    private JinjaStatement ParseIf()
    {
        var branches = new List<(JinjaExpression Test, JinjaStatement Body, int Line)>();
        JinjaStatement? otherwise = null;
        var line = Next().Line;
        while (true)
        {
            var test = ParseTuple(withCondition: false, explicitParentheses: false);
            ExpectBlockEnd();
            var (body, end) = Subparse(["elif", "else", "endif"]);
            branches.Add((test, body, line));
            line = Current.Line;
            Next();
            if (end == "elif")
            {
                continue;
            }

            if (end == "else")
            {
                ExpectBlockEnd();
                (otherwise, _) = Subparse(["endif"]);
                Next();
            }

            ExpectBlockEnd();
            break;
        }

        var all = branches.ToArray();
        return (scope, output) =>
        {
            foreach (var (test, body, at) in all)
            {
                scope.Line = at;
                if (JinjaPython.IsTrue(test(scope)))
                {
                    body(scope, output);
                    return;
                }
            }

            otherwise?.Invoke(scope, output);
        };
    }

    private JinjaStatement ParseFor()
    {
        var line = Next().Line;
        var target = ParseAssignTarget(allowNamespace: false);
        Expect(JinjaTokenKind.Name, "in", "'in'");
        var iterable = ParseTuple(withCondition: false, explicitParentheses: false, endName: "recursive");
        JinjaExpression? filter = null;
        if (SkipName("if"))
        {
            filter = ParseExpression(withCondition: true);
        }

        if (Current.IsName("recursive"))
        {
            throw JinjaException.Unsupported("a recursive for loop", Current.Line);
        }

        ExpectBlockEnd();
        var (body, end) = Subparse(["endfor", "else"]);
        JinjaStatement? otherwise = null;
        Next();
        if (end == "else")
        {
            ExpectBlockEnd();
            (otherwise, _) = Subparse(["endfor"]);
            Next();
        }

        ExpectBlockEnd();
        return (scope, output) =>
        {
            scope.Line = line;
            var items = JinjaPython.Iterate(iterable(scope));
            if (filter is not null)
            {
                var kept = new List<object?>(items.Count);
                foreach (var item in items)
                {
                    var test = scope.Child();
                    target.Assign(test, item);
                    scope.Line = line;
                    if (JinjaPython.IsTrue(filter(test)))
                    {
                        kept.Add(item);
                    }
                }

                items = kept;
            }

            if (items.Count == 0)
            {
                otherwise?.Invoke(scope, output);
                return;
            }

            var loop = new JinjaLoop(items);
            for (var i = 0; i < items.Count; i++)
            {
                loop.Index0 = i;
                var iteration = scope.Child();
                target.Assign(iteration, items[i]);
                iteration.Set("loop", loop);
                body(iteration, output);
            }
        };
    }

    private JinjaStatement ParseSet()
    {
        var line = Next().Line;
        var target = ParseAssignTarget(allowNamespace: true);
        if (SkipOperator("="))
        {
            var value = ParseTuple(withCondition: true, explicitParentheses: false);
            ExpectBlockEnd();
            return (scope, _) =>
            {
                scope.Line = line;
                target.Assign(scope, value(scope));
            };
        }

        if (Current.IsOperator("|"))
        {
            throw JinjaException.Unsupported("a filtered block '{% set %}'", Current.Line);
        }

        ExpectBlockEnd();
        var (body, _) = Subparse(["endset"]);
        Next();
        ExpectBlockEnd();
        return (scope, _) =>
        {
            var captured = new StringBuilder();
            body(scope, captured);
            scope.Line = line;
            target.Assign(scope, captured.ToString());
        };
    }

    // {% with a = x, b = y %}: the values are computed outside, the names live only inside.
    private JinjaStatement ParseWith()
    {
        var line = Next().Line;
        var assignments = new List<(JinjaTarget Target, JinjaExpression Value)>();
        while (Current.Kind != JinjaTokenKind.BlockEnd)
        {
            if (assignments.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",", "','");
            }

            var target = ParseAssignTarget(allowNamespace: false);
            Expect(JinjaTokenKind.Operator, "=", "'='");
            assignments.Add((target, ParseExpression(withCondition: true)));
        }

        ExpectBlockEnd();
        var (body, _) = Subparse(["endwith"]);
        Next();
        ExpectBlockEnd();
        var all = assignments.ToArray();
        return (scope, output) =>
        {
            scope.Line = line;
            var values = all.Select(a => a.Value(scope)).ToArray();
            var inner = scope.Child();
            for (var i = 0; i < all.Length; i++)
            {
                all[i].Target.Assign(inner, values[i]);
            }

            body(inner, output);
        };
    }

    private JinjaTarget ParseAssignTarget(bool allowNamespace)
    {
        if (allowNamespace && Current.Kind == JinjaTokenKind.Name && Peek.IsOperator("."))
        {
            var space = Next().Value;
            Next();
            var attribute = Expect(JinjaTokenKind.Name, null, "name").Value;
            return JinjaTarget.Attribute(space, attribute);
        }

        var names = new List<string>();
        var parenthesised = SkipOperator("(");
        while (true)
        {
            var token = Current;
            if (token.IsOperator("("))
            {
                throw JinjaException.Unsupported("a nested tuple target", token.Line);
            }

            if (token.Kind != JinjaTokenKind.Name || Constants.ContainsKey(token.Value) || token.Value is "in" or "not" or "and" or "or" or "is" or "if" or "else")
            {
                throw JinjaException.Syntax($"can't assign to {token.Describe()}", token.Line);
            }

            names.Add(Next().Value);
            if (!SkipOperator(","))
            {
                break;
            }

            if (parenthesised ? Current.IsOperator(")") : Current.IsName("in") || Current.IsOperator("="))
            {
                names.Add(string.Empty);
                break;
            }
        }

        if (parenthesised)
        {
            Expect(JinjaTokenKind.Operator, ")", "')'");
        }

        var tuple = names.Count > 1 || parenthesised;
        names.RemoveAll(n => n.Length == 0);
        return tuple ? JinjaTarget.Unpack([.. names]) : JinjaTarget.Name(names[0]);
    }

    private bool IsTupleEnd(string? endName) =>
        Current.Kind is JinjaTokenKind.VariableEnd or JinjaTokenKind.BlockEnd or JinjaTokenKind.End
        || Current.IsOperator(")")
        || (endName is not null && Current.IsName(endName));

    private JinjaExpression ParseTuple(bool withCondition, bool explicitParentheses, string? endName = null)
    {
        var items = new List<JinjaExpression>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",", "','");
            }

            if (IsTupleEnd(endName))
            {
                break;
            }

            items.Add(ParseExpression(withCondition));
            if (Current.IsOperator(","))
            {
                isTuple = true;
            }
            else
            {
                break;
            }
        }

        if (!isTuple)
        {
            if (items.Count > 0)
            {
                return items[0];
            }

            if (!explicitParentheses)
            {
                throw JinjaException.Syntax($"Expected an expression, got {Current.Describe()}", Current.Line);
            }
        }

        var all = items.ToArray();
        return scope => new JinjaTuple([.. all.Select(e => e(scope))]);
    }

    private JinjaExpression ParseExpression(bool withCondition)
    {
        Enter();
        try
        {
            return withCondition ? ParseCondition() : ParseOr();
        }
        finally
        {
            _depth--;
        }
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw JinjaException.Unsupported($"nesting deeper than {MaxDepth} levels", Current.Line);
        }
    }

    private JinjaExpression ParseCondition()
    {
        var expression = ParseOr();
        while (Current.IsName("if"))
        {
            var line = Next().Line;
            var test = ParseOr();
            JinjaExpression? otherwise = null;
            if (SkipName("else"))
            {
                otherwise = ParseCondition();
            }

            var then = expression;
            expression = scope => JinjaPython.IsTrue(test(scope))
                ? then(scope)
                : otherwise is null
                    ? new JinjaUndefined($"the inline if-expression on line {line} evaluated to false and no else section was defined.")
                    : otherwise(scope);
        }

        return expression;
    }

    private JinjaExpression ParseOr()
    {
        var left = ParseAnd();
        while (SkipName("or"))
        {
            var (a, b) = (left, ParseAnd());
            left = scope =>
            {
                var value = a(scope);
                return JinjaPython.IsTrue(value) ? value : b(scope);
            };
        }

        return left;
    }

    private JinjaExpression ParseAnd()
    {
        var left = ParseNot();
        while (SkipName("and"))
        {
            var (a, b) = (left, ParseNot());
            left = scope =>
            {
                var value = a(scope);
                return JinjaPython.IsTrue(value) ? b(scope) : value;
            };
        }

        return left;
    }

    private JinjaExpression ParseNot()
    {
        if (SkipName("not"))
        {
            var operand = ParseNot();
            return scope => !JinjaPython.IsTrue(operand(scope));
        }

        return ParseCompare();
    }

    private JinjaExpression ParseCompare()
    {
        var first = ParseMath1();
        var operations = new List<(string Op, JinjaExpression Right)>();
        while (true)
        {
            if (Current.Kind == JinjaTokenKind.Operator && Current.Value is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                var op = Next().Value;
                operations.Add((op, ParseMath1()));
            }
            else if (SkipName("in"))
            {
                operations.Add(("in", ParseMath1()));
            }
            else if (Current.IsName("not") && Peek.IsName("in"))
            {
                Next();
                Next();
                operations.Add(("not in", ParseMath1()));
            }
            else
            {
                break;
            }
        }

        if (operations.Count == 0)
        {
            return first;
        }

        var all = operations.ToArray();
        return scope =>
        {
            var left = first(scope);
            foreach (var (op, right) in all)
            {
                var value = right(scope);
                if (!Compare(op, left, value))
                {
                    return false;
                }

                left = value;
            }

            return true;
        };
    }

    private static bool Compare(string op, object? left, object? right) => op switch
    {
        "==" => JinjaPython.AreEqual(left, right),
        "!=" => !JinjaPython.AreEqual(left, right),
        "<" => JinjaPython.Compare(left, right, op) < 0,
        "<=" => JinjaPython.Compare(left, right, op) <= 0,
        ">" => JinjaPython.Compare(left, right, op) > 0,
        ">=" => JinjaPython.Compare(left, right, op) >= 0,
        "in" => JinjaPython.Contains(right, left),
        _ => !JinjaPython.Contains(right, left),
    };

    private JinjaExpression ParseMath1()
    {
        var left = ParseConcat();
        while (Current.Kind == JinjaTokenKind.Operator && Current.Value is "+" or "-")
        {
            var op = Next().Value;
            var (a, b) = (left, ParseConcat());
            left = op == "+" ? scope => JinjaPython.Add(a(scope), b(scope)) : scope => JinjaPython.Subtract(a(scope), b(scope));
        }

        return left;
    }

    private JinjaExpression ParseConcat()
    {
        var first = ParseMath2();
        if (!Current.IsOperator("~"))
        {
            return first;
        }

        var parts = new List<JinjaExpression> { first };
        while (SkipOperator("~"))
        {
            parts.Add(ParseMath2());
        }

        var all = parts.ToArray();
        return scope =>
        {
            var builder = new StringBuilder();
            foreach (var part in all)
            {
                builder.Append(JinjaPython.Str(part(scope)));
            }

            return builder.ToString();
        };
    }

    private JinjaExpression ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind == JinjaTokenKind.Operator && Current.Value is "*" or "/" or "//" or "%")
        {
            var op = Next().Value;
            var (a, b) = (left, ParsePow());
            left = op switch
            {
                "*" => scope => JinjaPython.Multiply(a(scope), b(scope)),
                "/" => scope => JinjaPython.Divide(a(scope), b(scope)),
                "//" => scope => JinjaPython.FloorDivide(a(scope), b(scope)),
                _ => scope => JinjaPython.Modulo(a(scope), b(scope)),
            };
        }

        return left;
    }

    private JinjaExpression ParsePow()
    {
        var left = ParseUnary(withFilter: true);
        while (SkipOperator("**"))
        {
            var (a, b) = (left, ParseUnary(withFilter: true));
            left = scope => JinjaPython.Power(a(scope), b(scope));
        }

        return left;
    }

    private JinjaExpression ParseUnary(bool withFilter)
    {
        Enter();
        try
        {
            return Unary(withFilter);
        }
        finally
        {
            _depth--;
        }
    }

    private JinjaExpression Unary(bool withFilter)
    {
        JinjaExpression node;
        if (SkipOperator("-"))
        {
            var operand = ParseUnary(withFilter: false);
            node = scope => JinjaPython.Negate(operand(scope));
        }
        else if (SkipOperator("+"))
        {
            var operand = ParseUnary(withFilter: false);
            node = scope => JinjaPython.Plus(operand(scope));
        }
        else
        {
            node = ParsePrimary();
        }

        node = ParsePostfix(node);
        return withFilter ? ParseFilterExpression(node) : node;
    }

    private JinjaExpression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case JinjaTokenKind.Name:
            {
                Next();
                if (Constants.TryGetValue(token.Value, out var constant))
                {
                    return _ => constant;
                }

                var name = token.Value;
                return scope => scope.Lookup(name);
            }

            case JinjaTokenKind.String:
            {
                var text = new StringBuilder(Next().Value);
                while (Current.Kind == JinjaTokenKind.String)
                {
                    text.Append(Next().Value);
                }

                var value = text.ToString();
                return _ => value;
            }

            case JinjaTokenKind.Integer:
            {
                var value = ParseInteger(Next());
                return _ => value;
            }

            case JinjaTokenKind.Float:
            {
                var value = double.Parse(Next().Value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
                return _ => value;
            }

            case JinjaTokenKind.Operator when token.Value == "(":
            {
                Next();
                var inner = ParseTuple(withCondition: true, explicitParentheses: true);
                Expect(JinjaTokenKind.Operator, ")", "')'");
                return inner;
            }

            case JinjaTokenKind.Operator when token.Value == "[":
                return ParseList();
            case JinjaTokenKind.Operator when token.Value == "{":
                return ParseDict();
            default:
                throw token.Kind == JinjaTokenKind.End
                    ? JinjaException.Syntax("unexpected end of template", token.Line)
                    : JinjaException.Syntax($"unexpected {token.Describe()}", token.Line);
        }
    }

    private static long ParseInteger(JinjaToken token)
    {
        var text = token.Value.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        try
        {
            return text.Length > 1 && text[0] == '0' && text[1] is 'b' or 'o' or 'x'
                ? Convert.ToInt64(text[2..], text[1] switch { 'b' => 2, 'o' => 8, _ => 16 })
                : long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw JinjaException.Unsupported("an integer beyond 64 bits", token.Line);
        }
    }

    private JinjaExpression ParseList()
    {
        Next();
        var items = new List<JinjaExpression>();
        while (!Current.IsOperator("]"))
        {
            if (items.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",", "','");
                if (Current.IsOperator("]"))
                {
                    break;
                }
            }

            items.Add(ParseExpression(withCondition: true));
        }

        Next();
        var all = items.ToArray();
        return scope =>
        {
            var list = new List<object?>(all.Length);
            foreach (var item in all)
            {
                list.Add(item(scope));
            }

            return list;
        };
    }

    private JinjaExpression ParseDict()
    {
        Next();
        var pairs = new List<(JinjaExpression Key, JinjaExpression Value)>();
        while (!Current.IsOperator("}"))
        {
            if (pairs.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",", "','");
                if (Current.IsOperator("}"))
                {
                    break;
                }
            }

            var key = ParseExpression(withCondition: true);
            Expect(JinjaTokenKind.Operator, ":", "':'");
            pairs.Add((key, ParseExpression(withCondition: true)));
        }

        Next();
        var all = pairs.ToArray();
        return scope =>
        {
            var dict = new JinjaDict(all.Length);
            foreach (var (key, value) in all)
            {
                var k = key(scope);
                if (k is null || !JinjaPython.IsHashable(k))
                {
                    throw k is null
                        ? JinjaException.Unsupported("None as a dict key")
                        : JinjaException.Runtime($"unhashable type: '{JinjaPython.TypeName(k)}'");
                }

                dict.Add(k, value(scope));
            }

            return dict;
        };
    }

    private JinjaExpression ParsePostfix(JinjaExpression node)
    {
        while (true)
        {
            if (Current.IsOperator(".") || Current.IsOperator("["))
            {
                node = ParseSubscript(node);
            }
            else if (Current.IsOperator("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private JinjaExpression ParseSubscript(JinjaExpression node)
    {
        var token = Next();
        if (token.IsOperator("."))
        {
            var attribute = Next();
            if (attribute.Kind == JinjaTokenKind.Name)
            {
                var name = attribute.Value;
                return scope => JinjaPython.GetAttribute(node(scope), name);
            }

            if (attribute.Kind != JinjaTokenKind.Integer)
            {
                throw JinjaException.Syntax("expected name or number", attribute.Line);
            }

            var index = ParseInteger(attribute);
            return scope => JinjaPython.GetItem(node(scope), index);
        }

        var keys = new List<JinjaExpression>();
        var slice = false;
        while (!Current.IsOperator("]"))
        {
            if (keys.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",", "','");
                if (Current.IsOperator("]"))
                {
                    break;
                }
            }

            var (key, isSlice) = ParseSubscribed();
            slice |= isSlice;
            keys.Add(key);
        }

        Expect(JinjaTokenKind.Operator, "]", "']'");
        if (keys.Count != 1)
        {
            if (slice)
            {
                throw JinjaException.Unsupported("a multi-dimensional subscript", token.Line);
            }

            var all = keys.ToArray();
            return scope => JinjaPython.GetItem(node(scope), new JinjaTuple([.. all.Select(k => k(scope))]));
        }

        var single = keys[0];
        return slice ? scope => ((Func<object?, object?>)single(scope)!)(node(scope)) : scope => JinjaPython.GetItem(node(scope), single(scope));
    }

    // A slice compiles to a function of the sliced value, so the subscript can apply it.
    private (JinjaExpression Key, bool IsSlice) ParseSubscribed()
    {
        JinjaExpression? start = null;
        if (!Current.IsOperator(":"))
        {
            start = ParseExpression(withCondition: true);
            if (!Current.IsOperator(":"))
            {
                return (start, false);
            }
        }

        Next();
        JinjaExpression? stop = null;
        JinjaExpression? step = null;
        if (!Current.IsOperator("]") && !Current.IsOperator(",") && !Current.IsOperator(":"))
        {
            stop = ParseExpression(withCondition: true);
        }

        if (SkipOperator(":") && !Current.IsOperator("]") && !Current.IsOperator(","))
        {
            step = ParseExpression(withCondition: true);
        }

        return (scope =>
        {
            var (a, b, c) = (start?.Invoke(scope), stop?.Invoke(scope), step?.Invoke(scope));
            return (Func<object?, object?>)(value => JinjaPython.Slice(value, a, b, c));
        }, true);
    }

    private (JinjaExpression[] Args, (string Name, JinjaExpression Value)[] Keywords) ParseArguments()
    {
        Expect(JinjaTokenKind.Operator, "(", "'('");
        var args = new List<JinjaExpression>();
        var keywords = new List<(string, JinjaExpression)>();
        while (!Current.IsOperator(")"))
        {
            if (args.Count + keywords.Count > 0)
            {
                Expect(JinjaTokenKind.Operator, ",", "','");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }

            if (Current.IsOperator("*") || Current.IsOperator("**"))
            {
                throw JinjaException.Unsupported("'*' and '**' arguments", Current.Line);
            }

            if (Current.Kind == JinjaTokenKind.Name && Peek.IsOperator("="))
            {
                var name = Next().Value;
                Next();
                keywords.Add((name, ParseExpression(withCondition: true)));
            }
            else
            {
                if (keywords.Count > 0)
                {
                    throw JinjaException.Syntax("Invalid argument syntax", Current.Line);
                }

                args.Add(ParseExpression(withCondition: true));
            }
        }

        Next();
        return ([.. args], [.. keywords]);
    }

    private static (List<object?> Args, IReadOnlyDictionary<string, object?> Keywords) Evaluate(
        JinjaScope scope, JinjaExpression[] args, (string Name, JinjaExpression Value)[] keywords)
    {
        var values = new List<object?>(args.Length);
        foreach (var arg in args)
        {
            values.Add(arg(scope));
        }

        if (keywords.Length == 0)
        {
            return (values, NoKeywords);
        }

        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in keywords)
        {
            if (!named.TryAdd(name, value(scope)))
            {
                throw JinjaException.Runtime($"keyword argument repeated: {name}");
            }
        }

        return (values, named);
    }

    private JinjaExpression ParseCall(JinjaExpression node)
    {
        var (args, keywords) = ParseArguments();
        return scope =>
        {
            var callee = node(scope);
            var (values, named) = Evaluate(scope, args, keywords);
            return callee switch
            {
                JinjaCallable function => function.Invoke(values, named),
                JinjaUndefined u => throw u.Fail(),
                _ => throw JinjaException.Runtime($"'{JinjaPython.TypeName(callee)}' object is not callable"),
            };
        };
    }

    private JinjaExpression ParseFilterExpression(JinjaExpression node)
    {
        while (true)
        {
            if (Current.IsOperator("|"))
            {
                node = ParseFilter(node);
            }
            else if (Current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (Current.IsOperator("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private string DottedName()
    {
        var name = Expect(JinjaTokenKind.Name, null, "name").Value;
        while (Current.IsOperator("."))
        {
            Next();
            name += "." + Expect(JinjaTokenKind.Name, null, "name").Value;
        }

        return name;
    }

    private JinjaExpression ParseFilter(JinjaExpression node)
    {
        var line = Next().Line;
        var name = DottedName();
        JinjaFilters.Check(name, line);
        var (args, keywords) = Current.IsOperator("(") ? ParseArguments() : ([], []);
        return scope =>
        {
            var value = node(scope);
            var (values, named) = Evaluate(scope, args, keywords);
            return JinjaFilters.Apply(name, value, values, named);
        };
    }

    private JinjaExpression ParseTest(JinjaExpression node)
    {
        var line = Next().Line;
        var negated = SkipName("not");
        var name = DottedName();
        JinjaTests.Check(name, line);
        JinjaExpression[] args = [];
        (string Name, JinjaExpression Value)[] keywords = [];
        if (Current.IsOperator("("))
        {
            (args, keywords) = ParseArguments();
        }
        else if ((Current.Kind is JinjaTokenKind.Name or JinjaTokenKind.String or JinjaTokenKind.Integer or JinjaTokenKind.Float
                  || Current.IsOperator("(") || Current.IsOperator("[") || Current.IsOperator("{"))
                 && !Current.IsName("else") && !Current.IsName("or") && !Current.IsName("and"))
        {
            if (Current.IsName("is"))
            {
                throw JinjaException.Syntax("You cannot chain multiple tests with is", Current.Line);
            }

            args = [ParsePostfix(ParsePrimary())];
        }

        return scope =>
        {
            var value = node(scope);
            var (values, named) = Evaluate(scope, args, keywords);
            return JinjaTests.Apply(name, value, values, named) != negated;
        };
    }
}
