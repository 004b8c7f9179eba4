namespace Slipway.Changelog.Jinja;

/// <summary>A Python dict: insertion-ordered (a .NET dictionary that is only added to keeps that order), Python key equality.</summary>
internal sealed class JinjaDict
{
    public JinjaDict()
    {
        Entries = new Dictionary<object, object?>(JinjaKeyComparer.Instance);
    }

    public JinjaDict(int capacity)
    {
        Entries = new Dictionary<object, object?>(capacity, JinjaKeyComparer.Instance);
    }

    public Dictionary<object, object?> Entries { get; }

    public int Count => Entries.Count;

    public void Add(object key, object? value) => Entries[key] = value;

    public bool TryGet(object? key, out object? value)
    {
        if (key is null || !JinjaPython.IsHashable(key))
        {
            value = null;
            return false;
        }

        return Entries.TryGetValue(key, out value);
    }
}
