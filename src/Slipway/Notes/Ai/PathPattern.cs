using Slipway.Changelog;

namespace Slipway.Notes.Ai;

/// <summary>A <c>noise</c> or <c>last</c> glob: without a '/', it matches a file name in any folder (as in .gitignore); with one, the whole path.</summary>
internal sealed class PathPattern(PathGlob glob, bool nameOnly)
{
    public static PathPattern Parse(string pattern) =>
        new(PathGlob.Parse(pattern), !pattern.Contains('/', StringComparison.Ordinal));

    public bool IsMatch(string path) => glob.IsMatch(nameOnly ? path[(path.LastIndexOf('/') + 1)..] : path);
}
