namespace Slipway.Files;

/// <summary>
/// The folder a file read or written on a path from the repository must stay in, resolved through its links:
/// the repository itself, or the fragments directory for news fragments.
/// </summary>
public sealed record FileBoundary(string Directory, string Description)
{
    public static FileBoundary For(string directory, string description)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        return new FileBoundary(PhysicalPath.TryResolve(full, out var resolved) ? resolved : full, description);
    }

    /// <summary>
    /// The git work tree that holds <paramref name="directory"/> (the nearest folder with a <c>.git</c> entry), or the
    /// folder itself outside git: a monorepo's slipway.toml may name files of its parent folders.
    /// </summary>
    public static FileBoundary Repository(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var start = Path.GetFullPath(directory);
        for (var current = start; current is not null; current = Path.GetDirectoryName(current))
        {
            if (FileKinds.Of(Path.Combine(current, ".git")) != FileKind.Missing)
            {
                return For(current, $"the repository {current}");
            }
        }

        return For(start, $"the project folder {start}");
    }

    public bool Contains(string resolvedPath) => PhysicalPath.IsInside(resolvedPath, Directory);
}
