namespace Slipway.Changelog;

/// <summary>
/// <c>changelog check</c>: every fragment name is valid; with a base ref, whether the change since it adds enough
/// source lines to deserve a fragment and adds one. Fast enough for a pre-commit hook: it reads the fragments once and
/// asks git two questions.
/// </summary>
public static class ChangelogCheck
{
    public static CheckResult Run(ChangelogProject project, string? baseRef)
    {
        ArgumentNullException.ThrowIfNull(project);
        var settings = project.Settings;
        var fragments = FragmentScanner.Scan(settings, project.BaseDirectory, project.ListFiles);
        if (baseRef is null)
        {
            return new CheckResult(fragments.Count, null, 0, [], settings.CheckMinLines);
        }

        var location = GitCli.Run(project.BaseDirectory, ["rev-parse", "--show-toplevel", "--show-prefix"]);
        if (location.ExitCode != 0)
        {
            throw ChangelogErrors.BaseWithoutRepository(project.BaseDirectory);
        }

        // git names paths from the top of the work tree; the configuration's folder is "prefix" below it, spelt as git
        // spells it (symbolic links resolved), so paths are compared in git's terms.
        var lines = location.Output.Split('\n');
        var topLevel = lines[0];
        var prefix = lines.Length > 1 ? lines[1] : string.Empty;
        // --end-of-options: a --base that starts with '-' is a ref that does not exist, never an option of git.
        var mergeBase = GitCli.Run(topLevel, ["merge-base", "--end-of-options", baseRef, "HEAD"]);
        if (mergeBase.ExitCode != 0)
        {
            throw ChangelogErrors.BaseUnknown(baseRef, mergeBase.Error.Trim());
        }

        var since = mergeBase.Output.Trim();
        string Relative(string path)
        {
            var relative = prefix + Path.GetRelativePath(project.BaseDirectory, path).Replace('\\', '/');
            return relative.EndsWith("/.", StringComparison.Ordinal) ? relative[..^2] : relative == "." ? string.Empty : relative;
        }

        var fragmentsFolder = Relative(FragmentScanner.FragmentsDirectory(settings, project.BaseDirectory));
        var newsFile = settings.SingleFile ? Relative(Path.Combine(project.BaseDirectory, settings.Filename)) : null;

        // The working tree against the merge base: committed, staged and unstaged changes alike, as a hook sees them.
        var numstat = GitCli.RunChecked(topLevel, ["diff", "--numstat", "-z", "--no-renames", since, "--"]);
        var include = settings.CheckInclude.Select(PathGlob.Parse).ToList();
        var exclude = settings.CheckExclude.Select(PathGlob.Parse).ToList();
        var sourceLines = 0;
        foreach (var record in numstat.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = record.Split('\t', 3);
            if (parts.Length < 3 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var added))
            {
                continue; // binary files count no lines
            }

            var path = parts[2];
            if (IsUnder(path, fragmentsFolder) || path == newsFile)
            {
                continue;
            }

            if (include.Any(g => g.IsMatch(path)) && !exclude.Any(g => g.IsMatch(path)))
            {
                sourceLines += added;
            }
        }

        var before = new HashSet<string>(
            GitCli.RunChecked(topLevel, ["ls-tree", "-r", "-z", "--name-only", since, "--", fragmentsFolder.Length == 0 ? "." : fragmentsFolder])
                .Split('\0', StringSplitOptions.RemoveEmptyEntries),
            StringComparer.Ordinal);
        var checkedTypes = new HashSet<string>(settings.Types.Where(t => t.Check).Select(t => t.Key), StringComparer.Ordinal);
        var addedFragments = fragments
            .Where(f => checkedTypes.Contains(f.Category))
            .Select(f => Relative(f.Path))
            .Where(p => !before.Contains(p))
            .ToList();
        return new CheckResult(fragments.Count, baseRef, sourceLines, addedFragments, settings.CheckMinLines);
    }

    private static bool IsUnder(string path, string folder) =>
        folder.Length > 0 && path.StartsWith(folder + "/", StringComparison.Ordinal);
}
