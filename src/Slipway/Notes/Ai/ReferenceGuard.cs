using System.Globalization;
using System.Text.RegularExpressions;

namespace Slipway.Notes.Ai;

/// <summary>
/// The reference guard: every <c>#N</c>, <c>GH-N</c> or issue/pull request URL of this repository in the narrative
/// must appear in the input the model was given; a model that cites a pull request it was never shown made it up,
/// and its narrative is dropped rather than published with a link to the wrong change.
/// </summary>
public static partial class ReferenceGuard
{
    /// <summary>The references of <paramref name="reply"/> that appear nowhere in <paramref name="input"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> Invented(string reply, string input, string? repository)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(input);
        var known = References(input, repository).Select(r => r.Number).ToHashSet();
        return [.. References(reply, repository).Where(r => !known.Contains(r.Number)).Select(r => r.Text).Distinct(StringComparer.Ordinal)];
    }

    internal static IEnumerable<(string Text, long Number)> References(string text, string? repository)
    {
        foreach (Match match in Reference().Matches(text))
        {
            if (match.Groups["url"].Success && repository is not null
                && !string.Equals(match.Groups["repo"].Value, repository, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var digits = match.Groups["number"].Value;
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                yield return (match.Value, number);
            }
        }
    }

    [GeneratedRegex(
        @"(?<url>https?://[^/\s]+/(?<repo>[^/\s]+/[^/\s#?]+)/(?:issues|pull|pulls)/(?<number>[0-9]{1,12}))|(?<![\w&/#])(?:#|GH-)(?<number>[0-9]{1,12})\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture,
        1000)]
    private static partial Regex Reference();
}
