using System.Globalization;
using System.Text;

namespace Slipway.Notes.Ai;

/// <summary>
/// The diff since the previous release, cut to a budget of characters for the narrative's prompt. A <c>--stat</c>
/// header first, then whole per-file patches: source first, then other files, then tests, CI and docs (the
/// <c>last</c> globs), larger changes first within a group. Binary files and noise (lock files, minified assets,
/// generated docs, SBOMs, snapshots) are left out; a patch that would overflow the budget is dropped whole and listed
/// in a trailer. Nothing is buffered beyond the budget: a first pass over git's output only measures each patch, the
/// second keeps the chosen ones. Paths are never handed to git (no pathspec to misread); git's file order ties the
/// patches to the <c>--numstat</c> entries, checked header by header.
/// </summary>
public sealed class DiffBudget
{
    private const int HeaderCap = 16 * 1024;

    private static readonly string[] SourceExtensions =
    [
        ".cs", ".fs", ".vb", ".py", ".go", ".rs", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".java", ".kt", ".scala", ".c", ".h", ".cc",
        ".cpp", ".hpp", ".m", ".swift", ".rb", ".php", ".lua", ".ex", ".exs", ".erl", ".hs", ".ml", ".clj", ".dart", ".zig", ".sh", ".sql",
    ];

    private readonly string _workingDirectory;
    private readonly IReadOnlyList<PathPattern> _noise;
    private readonly IReadOnlyList<PathPattern> _last;

    public DiffBudget(string workingDirectory, IReadOnlyList<string> noise, IReadOnlyList<string> last)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(last);
        _workingDirectory = workingDirectory;
        _noise = [.. noise.Select(PathPattern.Parse)];
        _last = [.. last.Select(PathPattern.Parse)];
    }

    public async Task<DiffSection> CollectAsync(string? fromTag, string toCommit, int budget, CancellationToken cancellationToken)
    {
        var from = fromTag is null ? await EmptyTreeAsync(cancellationToken) : $"refs/tags/{fromTag}";
        string[] common = ["diff", "--no-renames", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", "--ignore-submodules=none"];
        var files = await NumstatAsync([.. common, "--numstat", "-z", from, toCommit, "--"], cancellationToken);

        var binary = files.Where(f => f.Binary).Select(f => f.Path).ToList();
        var noise = files.Where(f => !f.Binary && _noise.Any(p => p.IsMatch(f.Path))).Select(f => f.Path).ToList();
        var candidates = files.Where(f => !f.Binary && !_noise.Any(p => p.IsMatch(f.Path))).ToDictionary(f => f.Index);

        string[] patch = [.. common, "--patch", "--no-color", "--full-index", from, toCommit, "--"];
        var sizes = new Dictionary<int, long>();
        await WalkPatchesAsync(patch, files, HeaderCap, (file, _, length) =>
        {
            if (length >= 0 && candidates.ContainsKey(file.Index))
            {
                sizes[file.Index] = length;
            }
        }, cancellationToken);

        var stat = Stat(files, budget / 4);
        var trailerReserve = Math.Min(budget / 10, 16_000);
        var room = (long)budget - stat.Length - trailerReserve;
        var ordered = candidates.Values
            .OrderBy(f => Group(f.Path))
            .ThenByDescending(f => sizes.GetValueOrDefault(f.Index))
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var chosen = new List<DiffFile>();
        var dropped = new List<DiffFile>();
        foreach (var file in ordered)
        {
            var size = sizes.GetValueOrDefault(file.Index);
            if (size <= room)
            {
                chosen.Add(file);
                room -= size;
            }
            else
            {
                dropped.Add(file);
            }
        }

        var texts = new Dictionary<int, string>();
        if (chosen.Count > 0)
        {
            var wanted = chosen.Select(f => f.Index).ToHashSet();
            var current = new StringBuilder();
            var currentIndex = -1;
            await WalkPatchesAsync(patch, files, budget + 1, (file, line, _) =>
            {
                if (file.Index != currentIndex)
                {
                    Flush();
                    currentIndex = file.Index;
                }

                if (wanted.Contains(file.Index))
                {
                    current.Append(line);
                }
            }, cancellationToken);
            Flush();

            void Flush()
            {
                if (currentIndex >= 0 && current.Length > 0)
                {
                    texts[currentIndex] = current.ToString();
                }

                current.Clear();
            }
        }

        var text = new StringBuilder(stat);
        foreach (var file in chosen)
        {
            text.Append(texts.GetValueOrDefault(file.Index, string.Empty));
        }

        text.Append(Trailer(dropped, sizes, trailerReserve));
        return new DiffSection(text.ToString(), [.. chosen.Select(f => f.Path)], binary, noise, [.. dropped.Select(f => f.Path)]);
    }

    /// <summary>0 for source, 1 for other files, 2 for tests, CI and docs.</summary>
    internal int Group(string path)
    {
        if (_last.Any(p => p.IsMatch(path)))
        {
            return 2;
        }

        return SourceExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()) ? 0 : 1;
    }

    private async Task<string> EmptyTreeAsync(CancellationToken cancellationToken) =>
        (await GitStream.ReadAsync(_workingDirectory, ["hash-object", "-t", "tree", "--stdin"], 1024, cancellationToken)).Trim();

    private async Task<List<DiffFile>> NumstatAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        // -z: "added<TAB>deleted<TAB>path<NUL>", the path as it is (no quoting), "-" for the counts of a binary file.
        var files = new List<DiffFile>();
        await GitStream.ReadRecordsAsync(_workingDirectory, arguments, '\0', HeaderCap, record =>
        {
            if (record.Length == 0)
            {
                return;
            }

            var parts = record.Split('\t', 3);
            if (parts.Length != 3)
            {
                throw NotesErrors.GitOutputUnexpected("diff --numstat", $"'{record}' is not 'added<TAB>deleted<TAB>path'");
            }

            var isBinary = parts[0] == "-" && parts[1] == "-";
            files.Add(new DiffFile(files.Count, parts[2], isBinary ? 0 : Count(parts[0]), isBinary ? 0 : Count(parts[1]), isBinary));
        }, cancellationToken);
        return files;
    }

    private static long Count(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    // Calls back with each line of the patch output and the file it belongs to; the k-th "diff --git" header is the
    // k-th --numstat entry (same diff options, same order), and each header must name its entry's path.
    private async Task WalkPatchesAsync(IReadOnlyList<string> arguments, List<DiffFile> files, int lineCap, Action<DiffFile, string, long> onLine, CancellationToken cancellationToken)
    {
        var index = -1;
        long length = 0;
        await GitStream.ReadLinesAsync(_workingDirectory, arguments, lineCap, (line, lineLength) =>
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                if (index >= 0)
                {
                    onLine(files[index], string.Empty, length);
                }

                index++;
                length = 0;
                if (index >= files.Count || !Names(line, files[index].Path))
                {
                    throw NotesErrors.GitOutputUnexpected("diff", $"patch header '{line.TrimEnd()}' does not follow the --numstat order");
                }
            }

            if (index < 0)
            {
                return;
            }

            length += lineLength;
            onLine(files[index], line, -1);
        }, cancellationToken);
        if (index >= 0)
        {
            onLine(files[index], string.Empty, length);
        }
    }

    // git quotes a path with a double quote, a backslash or a control character even with core.quotepath=off.
    private static bool Names(string header, string path) =>
        header.TrimEnd('\n').EndsWith(" b/" + path, StringComparison.Ordinal) || header.Contains('"', StringComparison.Ordinal);

    private static string Stat(List<DiffFile> files, int cap)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{files.Count} file(s) changed, {files.Sum(f => f.Added)} insertion(s)(+), {files.Sum(f => f.Deleted)} deletion(s)(-)\n");
        var shown = 0;
        foreach (var file in files)
        {
            var line = file.Binary
                ? $" {file.Path} | binary\n"
                : string.Create(CultureInfo.InvariantCulture, $" {file.Path} | +{file.Added} -{file.Deleted}\n");
            if (text.Length + line.Length > cap - 64)
            {
                break;
            }

            text.Append(line);
            shown++;
        }

        if (shown < files.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $" ... and {files.Count - shown} more file(s)\n");
        }

        return text.Append('\n').ToString();
    }

    private static string Trailer(List<DiffFile> dropped, Dictionary<int, long> sizes, int reserve)
    {
        if (dropped.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("\n[patches left out to stay within the diff budget]\n");
        var shown = 0;
        foreach (var file in dropped)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{file.Path} ({sizes.GetValueOrDefault(file.Index)} characters)\n");
            if (text.Length + line.Length > reserve - 64)
            {
                break;
            }

            text.Append(line);
            shown++;
        }

        if (shown < dropped.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"... and {dropped.Count - shown} more\n");
        }

        return text.ToString();
    }
}
