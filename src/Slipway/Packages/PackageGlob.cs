using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Packages;

/// <summary>
/// A <c>[[package]] files</c> glob: a <c>/</c>-separated path from the repository root where <c>*</c> and <c>?</c> match
/// within one segment and a <c>**</c> segment matches any number of folders. It is matched against the paths the build
/// journaled, so it never reaches outside the repository (no absolute paths, no <c>..</c>).
/// </summary>
public sealed class PackageGlob
{
    private readonly Regex _pattern;

    private PackageGlob(string text, Regex pattern, string baseDirectory)
    {
        Text = text;
        _pattern = pattern;
        BaseDirectory = baseDirectory;
    }

    public string Text { get; }

    /// <summary>The folder before the first wildcard segment (<c>artifacts/npm</c> for <c>artifacts/npm/*.tgz</c>); empty for the root.</summary>
    public string BaseDirectory { get; }

    public bool IsMatch(string path) => _pattern.IsMatch(path);

    public static bool TryParse(string text, [NotNullWhen(true)] out PackageGlob? glob, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        glob = null;
        if (text.Length == 0)
        {
            error = "is empty";
            return false;
        }

        if (text.StartsWith('/') || Path.IsPathRooted(text) || text.Contains('\\', StringComparison.Ordinal))
        {
            error = "must be a /-separated path from the repository root";
            return false;
        }

        var segments = text.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            error = "must not contain empty, '.' or '..' segments";
            return false;
        }

        if (segments[^1] == "**")
        {
            error = "must end with a file name pattern (artifacts/**/*.tgz), not **";
            return false;
        }

        var regex = new StringBuilder("^");
        var baseSegments = new List<string>();
        var wild = false;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == "**")
            {
                wild = true;
                regex.Append("(?:[^/]+/)*");
                continue;
            }

            if (segment.Contains("**", StringComparison.Ordinal))
            {
                error = $"uses ** inside the segment '{segment}'; ** stands alone between slashes";
                return false;
            }

            if (!wild && !last && segment.IndexOfAny(['*', '?']) < 0)
            {
                baseSegments.Add(segment);
            }
            else
            {
                wild = true;
            }

            foreach (var c in segment)
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            if (!last)
            {
                regex.Append('/');
            }
        }

        regex.Append('$');
        glob = new PackageGlob(text, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking), string.Join('/', baseSegments));
        error = null;
        return true;
    }

    public override string ToString() => Text;
}
