using System.Globalization;

namespace Slipway.Notes;

/// <summary>
/// The longest release body each forge takes. GitHub refuses a body over 125,000 characters with a 422 (an
/// undocumented limit); found at create-release that is after the packages were published, so the body is cut here,
/// before the point of no return, with a note saying so. A git tag message has no hard limit, but a megabyte of notes
/// in an annotated tag is a mistake, not a release.
/// </summary>
public static class BodyLimit
{
    public const int GitHub = 125_000;

    public const int Git = 1_000_000;

    public static int For(string forgeKind) => forgeKind switch
    {
        "github" => GitHub,
        _ => Git,
    };

    /// <summary>The body as it fits under <paramref name="limit"/>: cut at a line, with a visible note at the end.</summary>
    public static (string Body, bool Truncated) Apply(string body, int limit)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length <= limit)
        {
            return (body, false);
        }

        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"\n\n---\n\n_These notes were cut to fit the release page's limit of {limit:N0} characters (they were {body.Length:N0}); the changelog has them in full._\n");
        var keep = limit - note.Length;
        var cut = body.LastIndexOf('\n', Math.Max(0, keep - 1));
        var kept = body[..(cut > keep / 2 ? cut : keep)];
        if (kept.Length > 0 && char.IsHighSurrogate(kept[^1]))
        {
            kept = kept[..^1];
        }

        return (kept.TrimEnd() + note, true);
    }
}
