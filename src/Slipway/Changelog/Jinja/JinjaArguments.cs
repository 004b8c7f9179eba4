namespace Slipway.Changelog.Jinja;

/// <summary>Binds a call's positional and keyword arguments to a Python signature, as Python does (a wrong call raises).</summary>
internal sealed class JinjaArguments
{
    private readonly object?[] _values;
    private readonly bool[] _given;

    private JinjaArguments(object?[] values, bool[] given)
    {
        _values = values;
        _given = given;
    }

    public object? this[int index] => _values[index];

    public bool Given(int index) => _given[index];

    /// <summary>Binds to <paramref name="names"/>; <paramref name="required"/> is how many of them have no default.</summary>
    public static JinjaArguments Bind(string function, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int required, params string[] names)
    {
        if (args.Count > names.Length)
        {
            throw JinjaException.Runtime($"{function}() takes at most {names.Length} arguments ({args.Count} given)");
        }

        var values = new object?[names.Length];
        var given = new bool[names.Length];
        for (var i = 0; i < args.Count; i++)
        {
            values[i] = args[i];
            given[i] = true;
        }

        foreach (var (name, value) in kwargs)
        {
            var index = Array.IndexOf(names, name);
            if (index < 0)
            {
                throw JinjaException.Runtime($"{function}() got an unexpected keyword argument '{name}'");
            }

            if (given[index])
            {
                throw JinjaException.Runtime($"{function}() got multiple values for argument '{name}'");
            }

            values[index] = value;
            given[index] = true;
        }

        for (var i = 0; i < required; i++)
        {
            if (!given[i])
            {
                throw JinjaException.Runtime($"{function}() missing required argument '{names[i]}'");
            }
        }

        return new JinjaArguments(values, given);
    }

    public object? Or(int index, object? fallback) => _given[index] ? _values[index] : fallback;
}
