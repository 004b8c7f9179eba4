namespace Slipway.Changelog.Jinja;

/// <summary>A function a template can call: a bound method (<c>dict.items</c>), a global (<c>range</c>), a towncrier helper (<c>get_indent</c>).</summary>
internal sealed class JinjaCallable(string name, Func<IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, object?> invoke)
{
    public string Name { get; } = name;

    public object? Invoke(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs) => invoke(args, kwargs);
}
