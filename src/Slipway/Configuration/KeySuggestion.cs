namespace Slipway.Configuration;

/// <summary>Finds the known key closest to a misspelt one (<c>release-tag</c> → <c>release-tags</c>).</summary>
internal static class KeySuggestion
{
    public static string? Closest(string key, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(Normalize(key), Normalize(candidate));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        // Allow roughly one edit per three characters: close enough to be a typo, not a different word.
        return best is not null && bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    // Users write release_tags or ReleaseTags for release-tags.
    private static string Normalize(string key) => key.Replace('_', '-').ToLowerInvariant();

    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
