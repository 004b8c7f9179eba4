using System.Globalization;

namespace Slipway.Gates;

/// <summary>
/// Vulnerability ids to ignore, in the <c>.trivyignore</c> format: one id per line, <c>#</c> comments, and an optional
/// <c>exp:YYYY-MM-DD</c> after which the entry no longer applies (so an accepted risk is looked at again).
/// </summary>
public sealed class IgnoreList
{
    private readonly Dictionary<string, DateOnly?> _entries;

    private IgnoreList(Dictionary<string, DateOnly?> entries) => _entries = entries;

    public static IgnoreList Empty { get; } = new(new Dictionary<string, DateOnly?>(StringComparer.OrdinalIgnoreCase));

    public int Count => _entries.Count;

    public static IgnoreList Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new Dictionary<string, DateOnly?>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            DateOnly? expires = null;
            foreach (var word in words.Skip(1))
            {
                if (!word.StartsWith("exp:", StringComparison.Ordinal)
                    || !DateOnly.TryParseExact(word[4..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw GateErrors.InvalidIgnoreLine(file, number, $"expected 'ID [exp:YYYY-MM-DD]', found '{raw.Trim()}'");
                }

                expires = date;
            }

            entries[words[0]] = expires;
        }

        return new IgnoreList(entries);
    }

    public bool Ignores(string id, DateOnly today) =>
        _entries.TryGetValue(id, out var expires) && (expires is null || today <= expires.Value);
}
