namespace Slipway.Changelog;

/// <summary>Removes consumed fragments: <c>git rm</c> for tracked ones (so the removal is staged), a plain delete for the rest.</summary>
internal static class FragmentRemover
{
    public static void Remove(string? topLevel, IReadOnlyList<string> paths)
    {
        var tracked = new HashSet<string>(StringComparer.Ordinal);
        if (topLevel is not null)
        {
            var listed = GitCli.RunChecked(topLevel, ["--literal-pathspecs", "ls-files", "-z", "--full-name", "--pathspec-from-file=-", "--pathspec-file-nul"], NulJoined(paths));
            foreach (var file in listed.Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                tracked.Add(Path.GetFullPath(Path.Combine(topLevel, file)));
            }
        }

        try
        {
            if (tracked.Count > 0)
            {
                GitCli.RunChecked(topLevel!, ["--literal-pathspecs", "rm", "-q", "-f", "--pathspec-from-file=-", "--pathspec-file-nul"], NulJoined([.. tracked]));
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

    private static string NulJoined(IEnumerable<string> paths) => string.Join('\0', paths) + "\0";
}
