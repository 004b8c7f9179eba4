using LibGit2Sharp;

namespace Slipway.Git;

/// <summary><see cref="IGitRepository"/> over LibGit2Sharp.</summary>
public sealed class GitRepository : IGitRepository
{
    private const string StateFolder = ".slipway/";

    private readonly Repository _repository;

    static GitRepository()
    {
        // LibGit2Sharp finds libgit2 next to its own assembly file; a Native AOT binary has no assembly files, so point
        // it at the folder the native library was published to.
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            GlobalSettings.NativeLibraryPath = AppContext.BaseDirectory;
        }
    }

    private GitRepository(Repository repository)
    {
        _repository = repository;
        WorkingDirectory = Path.TrimEndingDirectorySeparator(repository.Info.WorkingDirectory ?? repository.Info.Path);
    }

    public string WorkingDirectory { get; }

    /// <summary>Opens the repository that contains <paramref name="path"/>; fails for no repository or an unborn HEAD.</summary>
    public static GitRepository Open(string path)
    {
        var workingDirectory = FindWorkingDirectory(path) ?? throw GitErrors.NotARepository(path);
        var repository = new Repository(workingDirectory);
        if (repository.Info.IsHeadUnborn)
        {
            repository.Dispose();
            throw GitErrors.UnbornHead(path);
        }

        return new GitRepository(repository);
    }

    /// <summary>
    /// The working tree root of the repository containing <paramref name="path"/>, or null outside any: the nearest
    /// folder with a <c>.git</c> folder or file (worktrees and submodules use a file). LibGit2Sharp's own discovery
    /// returns nothing in a Native AOT binary, so Slipway walks up itself.
    /// </summary>
    public static string? FindWorkingDirectory(string path)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(path)); directory is not null; directory = directory.Parent)
        {
            var marker = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    public string HeadCommit => _repository.Head.Tip.Sha;

    public string? HeadBranch => _repository.Info.IsHeadDetached ? null : _repository.Head.FriendlyName;

    public IReadOnlyList<GitTag> Tags()
    {
        var tags = new List<GitTag>();
        foreach (var tag in _repository.Tags)
        {
            if (tag.PeeledTarget is Commit commit)
            {
                tags.Add(new GitTag(tag.FriendlyName, commit.Sha, tag.IsAnnotated));
            }
        }

        return tags;
    }

    public bool HasRemote(string remote) => _repository.Network.Remotes[remote] is not null;

    /// <summary>The branch <c>refs/remotes/REMOTE/HEAD</c> names (git clone records the remote's default branch there), or null.</summary>
    public string? RemoteHeadBranch(string remote)
    {
        var prefix = $"refs/remotes/{remote}/";
        return _repository.Refs[prefix + "HEAD"] is SymbolicReference { TargetIdentifier: { } target } && target.StartsWith(prefix, StringComparison.Ordinal)
            ? target[prefix.Length..]
            : null;
    }

    public RemoteRefs ListRemote(string remote)
    {
        IEnumerable<Reference> references;
        try
        {
            references = [.. _repository.Network.ListReferences(_repository.Network.Remotes[remote])];
        }
        catch (LibGit2SharpException e)
        {
            throw GitErrors.RemoteUnreachable(remote, e.Message);
        }

        const string TagPrefix = "refs/tags/";
        const string HeadPrefix = "refs/heads/";
        const string Peeled = "^{}";
        var tags = new Dictionary<string, (string Target, bool Annotated)>(StringComparer.Ordinal);
        var branches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            var name = reference.CanonicalName;
            var target = reference.TargetIdentifier;
            if (name.StartsWith(HeadPrefix, StringComparison.Ordinal))
            {
                branches[name[HeadPrefix.Length..]] = target;
            }
            else if (name.StartsWith(TagPrefix, StringComparison.Ordinal))
            {
                // An annotated tag is advertised twice: the tag object, then "name^{}" with the commit it peels to.
                if (name.EndsWith(Peeled, StringComparison.Ordinal))
                {
                    tags[name[TagPrefix.Length..^Peeled.Length]] = (target, true);
                }
                else
                {
                    tags.TryAdd(name[TagPrefix.Length..], (target, false));
                }
            }
        }

        return new RemoteRefs(
            [.. tags.Select(t => new GitTag(t.Key, t.Value.Target, t.Value.Annotated))],
            branches);
    }

    public string? ResolveCommit(string reference)
    {
        try
        {
            return _repository.Lookup(reference)?.Peel<Commit>()?.Sha;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public bool ContainsCommit(string commit) => _repository.Lookup<Commit>(commit) is not null;

    public bool IsReachableFrom(string commit, string descendant)
    {
        if (string.Equals(commit, descendant, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var tip = _repository.Lookup<Commit>(descendant);
        var ancestor = _repository.Lookup<Commit>(commit);
        if (tip is null || ancestor is null)
        {
            return false;
        }

        var mergeBase = _repository.ObjectDatabase.FindMergeBase(ancestor, tip);
        return mergeBase is not null && mergeBase.Sha == ancestor.Sha;
    }

    public IReadOnlyList<string> DirtyPaths()
    {
        var options = new StatusOptions
        {
            IncludeUntracked = true,
            RecurseUntrackedDirs = false,
            IncludeIgnored = false,
            ExcludeSubmodules = true,
        };
        return [.. _repository.RetrieveStatus(options)
            .Where(entry => entry.State != FileStatus.Unaltered && entry.State != FileStatus.Ignored)
            .Select(entry => entry.FilePath)
            .Where(path => !path.StartsWith(StateFolder, StringComparison.Ordinal))];
    }

    public void Dispose() => _repository.Dispose();
}
