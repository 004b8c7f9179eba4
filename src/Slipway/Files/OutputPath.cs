namespace Slipway.Files;

/// <summary>
/// A path Slipway writes, or reads a build's output from, that the configuration names (the news file, an image
/// layout, the run's logs): after <c>..</c> and every link it must stay inside the repository, and be nothing yet or
/// one of the kinds the caller writes. Checked before anything is public.
/// </summary>
public static class OutputPath
{
    /// <summary>The resolved path; <paramref name="allowed"/> lists what may already be there besides nothing.</summary>
    public static string EnsureInside(string path, string display, string origin, FileBoundary boundary, params FileKind[] allowed)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        ArgumentNullException.ThrowIfNull(allowed);
        if (!PhysicalPath.TryResolve(path, out var resolved))
        {
            throw FileErrors.OutputLinkLoop(display, origin);
        }

        if (!boundary.Contains(resolved))
        {
            throw FileErrors.OutputOutside(display, origin, resolved, boundary);
        }

        var kind = FileKinds.Of(resolved);
        return kind == FileKind.Missing || allowed.Contains(kind) ? resolved : throw FileErrors.OutputNotRegular(display, origin, resolved, kind);
    }
}
