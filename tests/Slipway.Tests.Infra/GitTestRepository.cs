namespace Slipway.Tests.Infra;

/// <summary>
/// A real git repository in a temp folder, driven with the git command line (independent of the LibGit2Sharp code under
/// test): commits, tags, bare remotes, clones.
/// </summary>
public sealed class GitTestRepository : IDisposable
{
    private static readonly Dictionary<string, string?> GitEnvironment = new()
    {
        ["GIT_AUTHOR_NAME"] = "Slipway Tests",
        ["GIT_AUTHOR_EMAIL"] = "tests@slipway.invalid",
        ["GIT_COMMITTER_NAME"] = "Slipway Tests",
        ["GIT_COMMITTER_EMAIL"] = "tests@slipway.invalid",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    private readonly TempDirectory? _owned;

    private GitTestRepository(string path, TempDirectory? owned)
    {
        Path = path;
        _owned = owned;
    }

    public string Path { get; }

    /// <summary>A new repository on branch <paramref name="branch"/> (no commits yet).</summary>
    public static GitTestRepository Init(string branch = "main")
    {
        var directory = new TempDirectory("repo");
        var repository = new GitTestRepository(directory.Path, directory);
        repository.Git("init", "-q", "-b", branch);
        return repository;
    }

    /// <summary>A new repository in <paramref name="path"/>, an existing folder the caller owns.</summary>
    public static GitTestRepository InitIn(string path)
    {
        var repository = new GitTestRepository(path, null);
        repository.Git("init", "-q", "-b", "main");
        return repository;
    }

    /// <summary>A bare repository to serve as a remote.</summary>
    public static GitTestRepository InitBare()
    {
        var directory = new TempDirectory("remote");
        var repository = new GitTestRepository(directory.Path, directory);
        repository.Git("init", "-q", "--bare", "-b", "main");
        return repository;
    }

    public string Git(params string[] arguments) =>
        ProcessRunner.Run("git", arguments, Path, GitEnvironment).EnsureSuccess($"git {string.Join(' ', arguments)}").Out.Trim();

    public ProcessResult TryGit(params string[] arguments) => ProcessRunner.Run("git", arguments, Path, GitEnvironment);

    public string Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Writes the files, stages everything and commits; returns the new commit.</summary>
    public string Commit(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }

        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Head;
    }

    public string Head => Git("rev-parse", "HEAD");

    public void Tag(string name, string? message = null, string? commit = null)
    {
        var arguments = new List<string> { "tag" };
        if (message is not null)
        {
            arguments.AddRange(["-a", "-m", message]);
        }

        arguments.Add(name);
        if (commit is not null)
        {
            arguments.Add(commit);
        }

        Git([.. arguments]);
    }

    public void AddRemote(GitTestRepository remote, string name = "origin") => Git("remote", "add", name, remote.Path);

    public IReadOnlyList<string> Refs() =>
        [.. Git("for-each-ref", "--format=%(refname) %(objectname)").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public void Dispose() => _owned?.Dispose();
}
