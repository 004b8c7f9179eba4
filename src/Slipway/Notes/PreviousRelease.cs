using Slipway.Configuration;
using Slipway.Versioning;

namespace Slipway.Notes;

/// <summary>
/// The release a new one is compared with: the highest released version below it in the project's version scheme,
/// not the newest tag by date (a 1.4.9 maintenance release tagged after 2.0.0 is not the previous release of 2.0.1).
/// Prereleases count only when the new version is one, so 2.0.0's notes cover everything since 1.9.0, not since 2.0.0-rc.2.
/// </summary>
public static class PreviousRelease
{
    public static string? Find(ProjectSection project, ProjectVersion version, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(tags);
        (string Tag, ProjectVersion Version)? best = null;
        foreach (var tag in tags)
        {
            if (project.Tag.Match(tag, project.Scheme) is not { } candidate || candidate >= version)
            {
                continue;
            }

            if (candidate.IsPrerelease && !version.IsPrerelease)
            {
                continue;
            }

            if (best is null || candidate > best.Value.Version)
            {
                best = (tag, candidate);
            }
        }

        return best?.Tag;
    }

    /// <summary>The repository's tag names, read with git (no tag lists nothing).</summary>
    public static async Task<IReadOnlyList<string>> TagsAsync(string workingDirectory, CancellationToken cancellationToken)
    {
        var listing = await GitStream.ReadAsync(workingDirectory, ["for-each-ref", "--format=%(refname:strip=2)", "refs/tags"], 16 * 1024 * 1024, cancellationToken);
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
