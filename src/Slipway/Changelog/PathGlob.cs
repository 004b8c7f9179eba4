using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Changelog;

/// <summary>A repository path pattern: <c>*</c> within one folder, <c>**</c> across folders, <c>?</c> one character.</summary>
internal sealed class PathGlob
{
    private readonly Regex _regex;

    private PathGlob(Regex regex) => _regex = regex;

    public static PathGlob Parse(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new PathGlob(new Regex(regex.Append("\\z").ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    public bool IsMatch(string path) => _regex.IsMatch(path);
}
