namespace Slipway.Changelog.Jinja;

/// <summary>What <c>dict.items()</c>, <c>.keys()</c> and <c>.values()</c> return: iterable, sized, printed as <c>dict_items([...])</c>.</summary>
internal sealed class JinjaDictView(string kind, IReadOnlyList<object?> items)
{
    public string Kind { get; } = kind;

    public IReadOnlyList<object?> Items { get; } = items;
}
