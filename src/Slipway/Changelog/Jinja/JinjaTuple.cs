namespace Slipway.Changelog.Jinja;

/// <summary>A Python tuple: a sequence that prints in parentheses.</summary>
internal sealed class JinjaTuple(IReadOnlyList<object?> items)
{
    public IReadOnlyList<object?> Items { get; } = items;
}
