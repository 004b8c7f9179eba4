namespace Slipway.Changelog.Jinja;

/// <summary>Jinja2's default globals: <c>range</c>, <c>dict</c>, <c>joiner</c>, <c>namespace</c> (and refusals for the rest).</summary>
internal static class JinjaGlobals
{
    public static void AddTo(IDictionary<string, object?> globals)
    {
        globals["range"] = new JinjaCallable("range", Range);
        globals["dict"] = new JinjaCallable("dict", (args, kwargs) => Dict("dict", args, kwargs));
        globals["joiner"] = new JinjaCallable("joiner", Joiner);
        globals["namespace"] = new JinjaCallable("namespace", Namespace);
        globals["cycler"] = new JinjaCallable("cycler", (_, _) => throw JinjaException.Unsupported("cycler()"));
        globals["lipsum"] = new JinjaCallable("lipsum", (_, _) => throw JinjaException.Unsupported("lipsum()"));
    }

    private static JinjaRange Range(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (kwargs.Count > 0)
        {
            throw JinjaException.Runtime("range() takes no keyword arguments");
        }

        foreach (var arg in args)
        {
            if (arg is JinjaUndefined u)
            {
                throw u.Fail();
            }

            if (!JinjaPython.IsInteger(arg))
            {
                throw JinjaException.Runtime($"'{JinjaPython.TypeName(arg)}' object cannot be interpreted as an integer");
            }
        }

        var n = args.Select(JinjaPython.ToLong).ToArray();
        return n.Length switch
        {
            1 => new JinjaRange(0, n[0], 1),
            2 => new JinjaRange(n[0], n[1], 1),
            3 => n[2] == 0 ? throw JinjaException.Runtime("range() arg 3 must not be zero") : new JinjaRange(n[0], n[1], n[2]),
            _ => throw JinjaException.Runtime($"range expected 1 to 3 arguments, got {n.Length}"),
        };
    }

    private static JinjaDict Dict(string function, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (args.Count > 1)
        {
            throw JinjaException.Runtime($"{function} expected at most 1 argument, got {args.Count}");
        }

        var dict = new JinjaDict();
        if (args.Count == 1)
        {
            if (args[0] is JinjaDict source)
            {
                foreach (var (key, value) in source.Entries)
                {
                    dict.Add(key, value);
                }
            }
            else
            {
                foreach (var pair in JinjaPython.Iterate(args[0]))
                {
                    var items = JinjaPython.Iterate(pair);
                    if (items.Count != 2 || items[0] is null || !JinjaPython.IsHashable(items[0]!))
                    {
                        throw JinjaException.Runtime($"{function}: each element must be a (key, value) pair of a hashable key");
                    }

                    dict.Add(items[0]!, items[1]);
                }
            }
        }

        foreach (var (key, value) in kwargs)
        {
            dict.Add(key, value);
        }

        return dict;
    }

    private static JinjaCallable Joiner(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var separator = JinjaArguments.Bind("joiner", args, kwargs, 0, "sep").Or(0, ", ");
        var used = false;
        return new JinjaCallable("joiner", (callArgs, callKwargs) =>
        {
            if (callArgs.Count > 0 || callKwargs.Count > 0)
            {
                throw JinjaException.Runtime("joiner() takes no arguments");
            }

            if (used)
            {
                return separator;
            }

            used = true;
            return string.Empty;
        });
    }

    private static JinjaNamespace Namespace(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var space = new JinjaNamespace();
        foreach (var (key, value) in Dict("namespace", args, kwargs).Entries)
        {
            space.Attributes[key as string ?? throw JinjaException.Runtime("namespace keys must be strings")] = value;
        }

        return space;
    }
}
