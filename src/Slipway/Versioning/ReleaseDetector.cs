using Slipway.Configuration;
using Slipway.Git;

namespace Slipway.Versioning;

/// <summary>
/// Decides which version is about to be released and whether there is anything to release, with the rules of the
/// pipeline Slipway replaces: a tag that exists (here or on the remote) means already released; the commit must be on
/// the release branch; a tag at HEAD must agree with the version file.
/// </summary>
public static class ReleaseDetector
{
    public static ReleaseInfo Detect(ProjectSection project, string rootDirectory, IGitRepository repository)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(repository);
        var commit = repository.HeadCommit;
        var localTags = repository.Tags();
        var tagsAtHead = localTags
            .Where(t => t.Commit == commit)
            .Select(t => (Tag: t, Version: project.Tag.Match(t.Name, project.Scheme)))
            .Where(t => t.Version is not null)
            .ToList();

        var tagDriven = project.Version is VersionSourceSpec.GitTag;
        var reading = tagDriven
            ? FromTagAtHead(project, tagsAtHead, commit)
            : VersionFile.Read(project.Version, rootDirectory, project.Scheme);

        if (!tagDriven && tagsAtHead.Count > 0 && !tagsAtHead.Any(t => t.Version!.SameAs(reading.Version)))
        {
            var (tag, version) = tagsAtHead[0];
            throw VersionErrors.Mismatch(tag.Name, version!, reading.Source, reading.Version);
        }

        var tagName = project.Tag.Render(reading.Version);
        var remote = repository.HasRemote(project.Remote) ? project.Remote : null;
        var remoteRefs = remote is null ? null : repository.ListRemote(remote);

        var (shouldRelease, reason) = Decide(tagDriven, tagName, localTags, remote, remoteRefs);
        if (shouldRelease)
        {
            EnsureOnReleaseBranch(project.ReleaseBranch, commit, repository, remote, remoteRefs);
        }

        return new ReleaseInfo(
            reading.Version,
            reading.Source,
            project.Scheme,
            project.SchemeOrigin,
            tagName,
            commit,
            repository.HeadBranch,
            shouldRelease,
            reason,
            remote,
            repository.DirtyPaths());
    }

    private static VersionReading FromTagAtHead(ProjectSection project, List<(GitTag Tag, ProjectVersion? Version)> tagsAtHead, string commit)
    {
        if (tagsAtHead.Count == 0)
        {
            throw VersionErrors.NoTagAtHead(project.Tag.Text, commit);
        }

        // Several release tags on one commit (v1.2.3-rc.1 then v1.2.3): the highest is the one being released.
        var (tag, version) = tagsAtHead.OrderByDescending(t => t.Version).First();
        return new VersionReading(version!, $"tag {tag.Name}");
    }

    private static (bool, string) Decide(bool tagDriven, string tagName, IReadOnlyList<GitTag> localTags, string? remote, RemoteRefs? remoteRefs)
    {
        if (tagDriven)
        {
            return (true, $"tag {tagName} at HEAD starts the release (the version comes from the tag)");
        }

        var local = localTags.FirstOrDefault(t => t.Name == tagName);
        if (local is not null)
        {
            return (false, $"tag {tagName} already exists (at {local.Commit[..7]}): this version is released");
        }

        var onRemote = remoteRefs?.Tags.FirstOrDefault(t => t.Name == tagName);
        if (onRemote is not null)
        {
            return (false, $"tag {tagName} already exists on {remote} (at {onRemote.Commit[..7]}): this version is released");
        }

        return (true, remote is null
            ? $"tag {tagName} does not exist yet"
            : $"tag {tagName} does not exist yet, here or on {remote}");
    }

    private static void EnsureOnReleaseBranch(string branch, string commit, IGitRepository repository, string? remote, RemoteRefs? remoteRefs)
    {
        var tips = new List<string>();
        var display = branch;
        if (remote is not null)
        {
            display = $"{remote}/{branch}";
            if (remoteRefs!.Branches.TryGetValue(branch, out var advertised) && repository.ContainsCommit(advertised))
            {
                tips.Add(advertised);
            }

            if (repository.ResolveCommit($"refs/remotes/{remote}/{branch}") is { } tracking)
            {
                tips.Add(tracking);
            }

            if (tips.Count == 0 && !remoteRefs.Branches.ContainsKey(branch))
            {
                throw VersionErrors.ReleaseBranchMissing(display);
            }
        }
        else if (repository.ResolveCommit($"refs/heads/{branch}") is { } local)
        {
            tips.Add(local);
        }
        else
        {
            throw VersionErrors.ReleaseBranchMissing(branch);
        }

        if (!tips.Any(tip => repository.IsReachableFrom(commit, tip)))
        {
            throw VersionErrors.NotOnReleaseBranch(commit, display);
        }
    }
}
