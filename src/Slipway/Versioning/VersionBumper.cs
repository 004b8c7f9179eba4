using Slipway.Changelog;
using Slipway.Configuration;

namespace Slipway.Versioning;

/// <summary>
/// <c>slipway bump</c> and <c>slipway version --check-sync</c> over the version source and <c>[project] sync</c>:
/// every edit is computed (and every refusal raised) before the first file is written.
/// </summary>
public static class VersionBumper
{
    public static BumpPlan Plan(ProjectSection project, string rootDirectory, VersionBump bump, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(project);
        var reading = ReadSource(project, rootDirectory);
        var next = VersionIncrement.Next(project.Scheme, reading.Version, bump, today);
        var edits = new List<VersionEdit>();
        foreach (var (spec, exactlyOnce) in Targets(project))
        {
            var earlier = edits.FindIndex(e => SameFile(e, spec, rootDirectory));
            var edit = VersionEditor.Plan(spec, rootDirectory, next, exactlyOnce, earlier < 0 ? null : edits[earlier].Updated);
            if (earlier < 0)
            {
                edits.Add(edit);
            }
            else
            {
                edits[earlier] = edits[earlier] with { Updated = edit.Updated };
            }
        }

        return new BumpPlan(reading.Version, next, reading.Source, edits);
    }

    /// <summary>Each sync target whose version is not the version source's, with what it holds.</summary>
    public static IReadOnlyList<(string File, string Value)> Disagreements(ProjectSection project, string rootDirectory, ProjectVersion version)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(version);
        var disagreeing = new List<(string, string)>();
        foreach (var spec in project.Sync)
        {
            var value = VersionEditor.ReadValue(spec, rootDirectory, exactlyOnce: true);
            // The same version written another way agrees: equal in the scheme's order (PEP 440's 1.2 is 1.2.0, 1.0-rc1 is 1.0rc1).
            if (!project.Scheme.TryParse(value, out var parsed, out _) || parsed.CompareTo(version) != 0)
            {
                disagreeing.Add((FileOf(spec), value));
            }
        }

        return disagreeing;
    }

    /// <summary>Refuses the bump when a file it would rewrite has uncommitted changes (<paramref name="dirtyPaths"/> as git
    /// status lists them: an untracked folder ends in '/').</summary>
    public static void EnsureClean(IReadOnlyList<string> dirtyPaths, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(dirtyPaths);
        ArgumentNullException.ThrowIfNull(files);
        var touched = files.Where(f => dirtyPaths.Any(d => d == f || (d.EndsWith('/') && f.StartsWith(d, StringComparison.Ordinal)))).ToList();
        if (touched.Count > 0)
        {
            throw VersionErrors.Dirty(touched);
        }
    }

    /// <summary>Fails (exit 1) naming every sync file that does not hold <paramref name="version"/>.</summary>
    public static void EnsureInSync(ProjectSection project, string rootDirectory, ProjectVersion version, string source)
    {
        var disagreeing = Disagreements(project, rootDirectory, version);
        if (disagreeing.Count > 0)
        {
            throw VersionErrors.OutOfSync(source, version, disagreeing);
        }
    }

    public static VersionReading ReadSource(ProjectSection project, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Version is VersionSourceSpec.GitTag
            ? throw VersionErrors.NotWritable("the git tag", "the version comes from the tag at HEAD; bump writes files: tag the release instead, or use a version file")
            : VersionFile.Read(project.Version, rootDirectory, project.Scheme);
    }

    /// <summary>
    /// The bump the pending fragments ask for: the highest level among their types. Below 1.0.0 a major becomes a minor
    /// (SemVer §4: anything may change before 1.0.0, and 1.0.0 is a decision, not a side effect of a fragment).
    /// </summary>
    public static (VersionBump Bump, string Reason) FromFragments(ProjectSection project, IReadOnlyList<Fragment> fragments, ProjectVersion current, string directory)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(fragments);
        ArgumentNullException.ThrowIfNull(current);
        if (fragments.Count == 0)
        {
            throw VersionErrors.NoFragments(directory);
        }

        var levels = fragments
            .Select(f => (f.Category, Kind: project.FragmentBumps.TryGetValue(f.Category, out var kind) ? kind : BumpKind.Patch))
            .ToList();
        var highest = levels.Min(l => l.Kind);
        var types = string.Join(", ", levels.Where(l => l.Kind == highest).Select(l => l.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var reason = $"{fragments.Count} fragment(s); {highest.ToString().ToLowerInvariant()} for {types}";
        if (highest == BumpKind.Major && current.Major == 0 && current is not CalendarVersion)
        {
            return (VersionBump.Of(BumpKind.Minor), reason + "; minor below 1.0.0");
        }

        return (VersionBump.Of(highest), reason);
    }

    /// <summary>Commits exactly the edited files, whatever else is staged, with a message naming the version.</summary>
    public static string Commit(string repositoryRoot, BumpPlan plan, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var paths = plan.Edits.Select(e => Path.GetRelativePath(repositoryRoot, Path.GetFullPath(Path.Combine(rootDirectory, e.File)))).ToList();
        var message = $"Bump version to {plan.Next}";
        GitCli.RunChecked(repositoryRoot, ["add", "--", .. paths]);
        GitCli.RunChecked(repositoryRoot, ["commit", "-q", "-m", message, "--", .. paths]);
        return message;
    }

    private static IEnumerable<(VersionSourceSpec Spec, bool ExactlyOnce)> Targets(ProjectSection project) =>
        project.Sync.Select(s => (s, true)).Prepend((project.Version, false));

    private static bool SameFile(VersionEdit edit, VersionSourceSpec spec, string rootDirectory) =>
        string.Equals(
            Path.GetFullPath(Path.Combine(rootDirectory, edit.File)),
            Path.GetFullPath(Path.Combine(rootDirectory, FileOf(spec))),
            StringComparison.Ordinal);

    public static string FileOf(VersionSourceSpec spec) => spec switch
    {
        VersionSourceSpec.FilePattern p => p.File,
        VersionSourceSpec.MSBuild m => m.File,
        VersionSourceSpec.Json j => j.File,
        VersionSourceSpec.Toml t => t.File,
        _ => "the git tag",
    };
}
