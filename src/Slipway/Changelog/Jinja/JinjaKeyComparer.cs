namespace Slipway.Changelog.Jinja;

/// <summary>Python's hash and equality for dict keys: <c>1 == 1.0 == True</c>, strings by value, tuples item by item.</summary>
internal sealed class JinjaKeyComparer : IEqualityComparer<object>
{
    public static JinjaKeyComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => JinjaPython.AreEqual(x, y);

    public int GetHashCode(object obj) => obj switch
    {
        string s => StringComparer.Ordinal.GetHashCode(s),
        JinjaMarkup m => StringComparer.Ordinal.GetHashCode(m.Text),
        bool b => b ? 1 : 0,
        long l => l.GetHashCode(),
        double d => d == Math.Floor(d) && Math.Abs(d) < 9e18 ? ((long)d).GetHashCode() : d.GetHashCode(),
        JinjaTuple t => t.Items.Aggregate(17, (h, i) => (h * 31) + (i is null ? 0 : GetHashCode(i))),
        _ => obj.GetHashCode(),
    };
}
