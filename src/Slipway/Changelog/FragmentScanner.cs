using System.IO.Enumeration;
using System.Text;
using System.Text.RegularExpressions;
using Slipway.Configuration;
using Slipway.Files;

namespace Slipway.Changelog;

/// <summary>
/// Finds and reads the news fragments of every section. Unlike towncrier, a file whose name names no known category is
/// an error, never silently skipped: one misspelt category once dropped 51 entries from a release. Anyone who opens a
/// pull request controls the fragments, so each is read only when it resolves (through every link) to a regular file
/// inside the fragments directory, and never beyond <see cref="ChangelogSection.MaxFileSize"/>.
/// </summary>
public static class FragmentScanner
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] AlwaysIgnored = [".gitignore", ".gitkeep", ".keep", "readme", "readme.md", "readme.rst"];

    /// <summary>The fragments folder of a section, as towncrier resolves it.</summary>
    public static string SectionDirectory(ChangelogSection settings, string baseDirectory, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Directory is not null
            ? Path.GetFullPath(Path.Combine(baseDirectory, settings.Directory, sectionPath))
            : Path.GetFullPath(Path.Combine(baseDirectory, settings.PackageDir, settings.Package, sectionPath, "newsfragments"));
    }

    public static string FragmentsDirectory(ChangelogSection settings, string baseDirectory) =>
        SectionDirectory(settings, baseDirectory, string.Empty);

    /// <summary>
    /// Every fragment, section by section, each section in directory order (towncrier keeps the order
    /// <c>os.listdir</c> gives, and entries that sort equal keep it). Throws on any misnamed, colliding or non-UTF-8 file.
    /// </summary>
    public static IReadOnlyList<Fragment> Scan(ChangelogSection settings, string baseDirectory, Func<string, IEnumerable<string>>? listFiles = null)
    {
        listFiles ??= ListEntries;
        ArgumentNullException.ThrowIfNull(settings);
        var root = FragmentsDirectory(settings, baseDirectory);
        if (!Directory.Exists(root))
        {
            throw ChangelogErrors.DirectoryMissing(Display(baseDirectory, root), settings.Origin);
        }

        var rootDisplay = Display(baseDirectory, root);
        var boundary = FileBoundary.For(root, $"the fragments directory {rootDisplay}");
        var repository = FileBoundary.Repository(baseDirectory);
        if (!repository.Contains(boundary.Directory))
        {
            throw FileErrors.Refused(
                rootDisplay, new FileRefusal(FileRefusalKind.Outside, boundary.Directory, ThroughLink: true, $"outside {repository.Description}"), null);
        }

        var ignored = IgnorePatterns(settings);
        var categories = new HashSet<string>(settings.Types.Select(t => t.Key), StringComparer.Ordinal);
        var issuePattern = settings.IssuePattern.Length > 0
            ? new Regex($"^(?:{settings.IssuePattern})\\z", RegexOptions.None, TimeSpan.FromSeconds(1))
            : null;
        var problems = new List<FragmentProblem>();
        var found = new List<(string Section, FragmentName Name, string Path)>();
        var orphanCounters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var section in settings.Sections)
        {
            var directory = SectionDirectory(settings, baseDirectory, section.Path);
            if (!Directory.Exists(directory))
            {
                // A component with nothing pending has no folder: git does not keep empty ones.
                continue;
            }

            var seen = new Dictionary<(string, string, int), string>();
            foreach (var path in listFiles(directory))
            {
                var basename = Path.GetFileName(path);
                if (IsIgnored(basename, ignored))
                {
                    continue;
                }

                if (!FragmentName.TryParse(basename, categories, out var name, out var problem))
                {
                    problems.Add(problem! with { File = Display(baseDirectory, path) });
                    continue;
                }

                if (settings.OrphanPrefix.Length > 0 && name.Issue.StartsWith(settings.OrphanPrefix, StringComparison.Ordinal))
                {
                    orphanCounters.TryGetValue(name.Category, out var counter);
                    orphanCounters[name.Category] = counter + 1;
                    name = new FragmentName(string.Empty, name.Category, counter);
                }
                else if (issuePattern is not null && name.Issue.Length > 0 && !issuePattern.IsMatch(name.Issue))
                {
                    throw ChangelogErrors.IssuePattern(Display(baseDirectory, path), name.Issue, settings.IssuePattern);
                }

                var key = (name.Issue, name.Category, name.Counter);
                if (seen.TryGetValue(key, out var earlier))
                {
                    throw ChangelogErrors.Collision(Display(baseDirectory, earlier), Display(baseDirectory, path), name.Issue, name.Category, name.Counter);
                }

                seen[key] = path;
                found.Add((section.Name, name, path));
            }
        }

        if (problems.Count > 0)
        {
            throw ChangelogErrors.BadFragmentNames(problems, settings.Types.Select(t => t.Key));
        }

        var fragments = new Fragment[found.Count];
        void Read(int from, int to)
        {
            var buffer = new byte[64 * 1024];
            for (var i = from; i < to; i++)
            {
                var (section, name, path) = found[i];
                fragments[i] = new Fragment(section, name.Issue, name.Category, name.Counter, ReadText(path, baseDirectory, boundary, rootDisplay, settings.MaxFileSize, ref buffer), path);
            }
        }

        // Opening and reading thousands of small files is kernel time that two threads halve; more gain little.
        if (found.Count >= 256 && Environment.ProcessorCount > 1)
        {
            var half = found.Count / 2;
            var other = Task.Run(() => Read(half, found.Count));
            Read(0, half);
            other.GetAwaiter().GetResult();
        }
        else
        {
            Read(0, found.Count);
        }

        return fragments;
    }

    /// <summary>
    /// The entries of a fragments folder that may be fragments: files of every kind and links of every kind (a link
    /// to a folder is refused when read, not skipped). Real folders are other sections'.
    /// </summary>
    public static IEnumerable<string> ListEntries(string directory) =>
        new FileSystemEnumerable<string>(directory, (ref FileSystemEntry entry) => entry.ToFullPath())
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory || (entry.Attributes & FileAttributes.ReparsePoint) != 0,
        };

    /// <summary>Reads a fragment strictly as UTF-8 and applies Python's universal newlines (CRLF and CR become LF).</summary>
    private static string ReadText(string path, string baseDirectory, FileBoundary boundary, string rootDisplay, int maxSize, ref byte[] buffer)
    {
        if (!RepositoryFile.TryRead(path, boundary, maxSize, ref buffer, out var length, out var refusal))
        {
            throw ChangelogErrors.FragmentRefused(Display(baseDirectory, path), Display(baseDirectory, refusal.Target), rootDisplay, refusal);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw ChangelogErrors.NotUtf8(Display(baseDirectory, path));
        }

        return text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;
    }

    private static List<string> IgnorePatterns(ChangelogSection settings)
    {
        var patterns = new List<string>(AlwaysIgnored);
        if (!TemplateSource.IsBuiltIn(settings.Template))
        {
            // Lowered like the names it is matched against: the configured template is never a fragment, whatever its case.
            patterns.Add(Path.GetFileName(settings.Template).ToLowerInvariant());
        }

        if (settings.Ignore is not null)
        {
            patterns.AddRange(settings.Ignore.Select(p => p.ToLowerInvariant()));
        }

        return patterns;
    }

    private static bool IsIgnored(string basename, List<string> patterns)
    {
        var lower = basename.ToLowerInvariant();
        foreach (var pattern in patterns)
        {
            if (FnMatch.IsMatch(lower, pattern))
            {
                return true;
            }
        }

        return false;
    }

    internal static string Display(string baseDirectory, string path)
    {
        var relative = Path.GetRelativePath(baseDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
