namespace Slipway.Changelog.Jinja;

/// <summary>The <c>loop</c> of a <c>{% for %}</c>: its position in the (filtered) items and a <c>cycle</c> helper.</summary>
internal sealed class JinjaLoop(IReadOnlyList<object?> items)
{
    private readonly IReadOnlyList<object?> _items = items;

    public int Index0 { get; set; }

    public object? Member(string name) => name switch
    {
        "index" => (long)(Index0 + 1),
        "index0" => (long)Index0,
        "revindex" => (long)(_items.Count - Index0),
        "revindex0" => (long)(_items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == _items.Count - 1,
        "length" => (long)_items.Count,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => Index0 > 0 ? _items[Index0 - 1] : new JinjaUndefined("there is no previous item"),
        "nextitem" => Index0 < _items.Count - 1 ? _items[Index0 + 1] : new JinjaUndefined("there is no next item"),
        "cycle" => new JinjaCallable("loop.cycle", (args, _) =>
            args.Count == 0 ? throw JinjaException.Runtime("no items for cycling given") : args[Index0 % args.Count]),
        "changed" => throw JinjaException.Unsupported("loop.changed"),
        _ => new JinjaUndefined($"'LoopContext object' has no attribute '{name}'"),
    };
}
