namespace Slipway.Changelog.Jinja;

/// <summary>
/// Variables as Jinja2 scopes them: each iteration of a <c>for</c> gets its own scope, so a <c>set</c> inside a loop
/// is gone after it (use <c>namespace()</c> to carry state out); <c>if</c> opens no scope.
/// </summary>
internal sealed class JinjaScope
{
    private readonly JinjaScope? _parent;
    private readonly JinjaScope _root;
    private Dictionary<string, object?>? _variables;

    public JinjaScope(IReadOnlyDictionary<string, object?> globals)
    {
        _root = this;
        _variables = new Dictionary<string, object?>(globals, StringComparer.Ordinal);
    }

    private JinjaScope(JinjaScope parent)
    {
        _parent = parent;
        _root = parent._root;
    }

    /// <summary>The line of the statement being rendered, for error messages.</summary>
    public int Line
    {
        get => _root.RootLine;
        set => _root.RootLine = value;
    }

    private int RootLine { get; set; }

    public JinjaScope Child() => new(this);

    public object? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._variables is not null && scope._variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return JinjaUndefined.Name(name);
    }

    public void Set(string name, object? value) =>
        (_variables ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = value;
}
