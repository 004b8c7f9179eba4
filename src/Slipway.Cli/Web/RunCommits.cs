using System.Diagnostics;
using System.Text;
using Slipway.Configuration;
using Slipway.State;

namespace Slipway.Cli.Web;

/// <summary>
/// The commits and changed files between the previous release and the run's commit, from git. Each list is capped
/// while git's output is read (a release over a vendored tree can change 100,000 files); the page never fails on
/// them: a repository without the commits (a shallow clone, another checkout) shows none.
/// </summary>
internal static class RunCommits
{
    public const int CommitCap = 100;
    public const int FileCap = 200;
    private const int LineCap = 300;

    public static async Task<RunChanges> SinceAsync(SlipwayConfig config, IRunJournal journal, RunDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(details);
        var run = details.Run;
        if (!IsCommit(run.Commit))
        {
            return RunChanges.None;
        }

        var previous = await journal.PreviousReleaseAsync(run.Project, run.Id, cancellationToken);
        var since = previous is not null && IsCommit(previous.Commit) && previous.Commit != run.Commit ? previous.Commit : null;
        var range = since is null ? run.Commit : $"{since}..{run.Commit}";
        var commits = await LinesAsync(config.RootDirectory, ["log", "--no-color", "--format=%h %s", $"--max-count={CommitCap + 1}", range, "--"], CommitCap, cancellationToken);
        if (commits is null)
        {
            return RunChanges.None;
        }

        var files = (since is null
            ? await LinesAsync(config.RootDirectory, ["show", "--no-color", "--format=", "--name-only", run.Commit, "--"], FileCap, cancellationToken)
            : await LinesAsync(config.RootDirectory, ["diff", "--no-color", "--name-only", since, run.Commit, "--"], FileCap, cancellationToken)) ?? [];
        return new RunChanges(since, [.. commits.Take(CommitCap)], commits.Count > CommitCap, [.. files.Take(FileCap)], files.Count > FileCap);
    }

    // A run's commit is what the journal recorded; only a full hex object name reaches git's command line.
    private static bool IsCommit(string? value) => value is { Length: 40 or 64 } && value.All(char.IsAsciiHexDigitLower);

    /// <summary>Up to <paramref name="cap"/> + 1 lines of git's output (each cut at 300 characters), then git is stopped; null when git fails.</summary>
    private static async Task<List<string>?> LinesAsync(string directory, IReadOnlyList<string> arguments, int cap, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var argument in (string[])["-c", "core.quotepath=off", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        var drain = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var lines = new List<string>();
        try
        {
            while (lines.Count <= cap && await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    lines.Add(line.Length > LineCap ? line[..LineCap] + "…" : line);
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync(CancellationToken.None);
            await drain;
        }

        return process.ExitCode == 0 || lines.Count > cap ? lines : null;
    }
}
