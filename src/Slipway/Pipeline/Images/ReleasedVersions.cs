using Slipway.Git;
using Slipway.Versioning;

namespace Slipway.Pipeline.Images;

/// <summary>
/// The versions released so far, read from the release tags on the remote (not local tags, which may be stale or
/// missing in a CI checkout): the input of <see cref="FloatingTagPolicy"/>.
/// </summary>
public static class ReleasedVersions
{
    public static IReadOnlyList<ProjectVersion> OnRemote(IGitRepository repository, string remote, TagTemplate tag, IVersionScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(tag);
        return [.. repository.ListRemote(remote).Tags.Select(t => tag.Match(t.Name, scheme)).OfType<ProjectVersion>()];
    }
}
