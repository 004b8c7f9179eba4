namespace Slipway.Changelog;

/// <summary>Removes consumed fragments: <c>git rm</c> for tracked ones (so the removal is staged), a plain delete for the rest.</summary>
internal static class FragmentRemover
{
    public static void Remove(bool inRepository, string fragmentsDirectory, IReadOnlyList<string> paths)
    {
        try
        {
            var tracked = new HashSet<string>(StringComparer.Ordinal);
            if (inRepository)
            {
                // Paths relative to the fragments folder, so a symlink in its path cannot make the two lists disagree.
                var listed = GitCli.RunChecked(fragmentsDirectory, ["ls-files", "-z"]);
                foreach (var file in listed.Split('\0', StringSplitOptions.RemoveEmptyEntries))
                {
                    tracked.Add(Path.GetFullPath(Path.Combine(fragmentsDirectory, file)));
                }
            }

            if (tracked.Count > 0)
            {
                // git rm takes a pathspec file only from the top of the work tree (git 2.39 refuses it in a subfolder).
                var top = GitCli.RunChecked(fragmentsDirectory, ["rev-parse", "--show-toplevel"]).TrimEnd('\n');
                var prefix = GitCli.RunChecked(fragmentsDirectory, ["rev-parse", "--show-prefix"]).TrimEnd('\n');
                var remove = paths.Where(tracked.Contains).Select(p => prefix + Path.GetRelativePath(fragmentsDirectory, p).Replace('\\', '/'));
                GitCli.RunChecked(
                    top,
                    ["--literal-pathspecs", "rm", "-q", "-f", "--pathspec-from-file=-", "--pathspec-file-nul"],
                    string.Join('\0', remove) + "\0");
            }

            foreach (var path in paths)
            {
                if (!tracked.Contains(path))
                {
                    File.Delete(path);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Diagnostics.SlipwayException)
        {
            throw ChangelogErrors.RemovalFailed(e.Message);
        }
    }
}
