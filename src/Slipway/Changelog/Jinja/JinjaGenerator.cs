namespace Slipway.Changelog.Jinja;

/// <summary>
/// A Python generator (what <c>map</c>, <c>select</c> and their kin return): iterable once, with no length and no
/// printable form, so <c>|length</c> on it fails as it does in Jinja2.
/// </summary>
internal sealed class JinjaGenerator(IEnumerable<object?> items)
{
    private IEnumerable<object?>? _items = items;

    public IEnumerable<object?> Take()
    {
        var items = _items ?? [];
        _items = null;
        return items;
    }
}
