using Slipway.Tests.Infra;

namespace Slipway.Tests.Changelog;

/// <summary>One of towncrier 24.8.0's reference cases (TestData/towncrier-24.8), copied into a fresh temp directory.</summary>
internal sealed class ReferenceCase : IDisposable
{
    private ReferenceCase(string name, TempDirectory directory)
    {
        Name = name;
        Directory = directory;
        var args = File.ReadAllText(directory["args.txt"]).Trim().Split(' ');
        Version = args[0];
        Date = args[1];
        ExpectedPath = File.ReadAllText(directory["expected.path"]).Trim();
        ExpectedDraft = File.ReadAllBytes(directory["expected.draft"]);
        ExpectedFile = File.ReadAllBytes(directory["expected.file"]);
    }

    public static IEnumerable<string> Names =>
        System.IO.Directory.GetDirectories(Source).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public string Name { get; }

    public TempDirectory Directory { get; }

    public string Version { get; }

    public string Date { get; }

    public string ExpectedPath { get; }

    public byte[] ExpectedDraft { get; }

    public byte[] ExpectedFile { get; }

    private static string Source => Path.Combine(AppContext.BaseDirectory, "TestData", "towncrier-24.8");

    public static ReferenceCase Copy(string name)
    {
        var directory = new TempDirectory($"towncrier-{name}");
        CopyTree(Path.Combine(Source, name), directory.Path);
        return new ReferenceCase(name, directory);
    }

    /// <summary>
    /// Entries whose issues compare equal keep the order the file system lists the fragments in (towncrier's
    /// <c>os.listdir</c>), and that order depends on the file system (ext4 orders by a hash with a per-volume seed).
    /// <c>listing.txt</c> records the order on the machine that rendered the references; where this copy lists
    /// differently, towncrier itself would tie-break differently, so byte equality is not a fair test there.
    /// </summary>
    public void SkipUnlessListedAsRecorded()
    {
        var recorded = File.ReadAllLines(Directory["listing.txt"]).Where(l => l.Length > 0).ToList();
        var listed = new List<string>();
        Walk(Directory.Path, string.Empty, listed);
        if (!recorded.SequenceEqual(listed))
        {
            Assert.Skip("this file system lists the fragments in another order than the one that rendered the reference; ties would differ in towncrier too");
        }
    }

    /// <summary>Lists a fragments folder in the order recorded in <c>listing.txt</c>, the order towncrier saw.</summary>
    public IEnumerable<string> ListAsRecorded(string folder)
    {
        var recorded = File.ReadAllLines(Directory["listing.txt"]).Where(l => l.Length > 0);
        return recorded
            .Select(relative => Path.GetFullPath(Path.Combine(Directory.Path, relative)))
            .Where(path => string.Equals(Path.GetDirectoryName(path), Path.GetFullPath(folder).TrimEnd('/'), StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Dispose();

    private static void Walk(string root, string relative, List<string> listed)
    {
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(root, relative)))
        {
            var path = relative.Length == 0 ? Path.GetFileName(entry) : $"{relative}/{Path.GetFileName(entry)}";
            if (System.IO.Directory.Exists(entry))
            {
                Walk(root, path, listed);
            }
            else if (relative.Length > 0 && relative.Split('/')[0] is "newsfragments" or "changes" or "changelog.d")
            {
                listed.Add(path);
            }
        }
    }

    private static void CopyTree(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in System.IO.Directory.GetDirectories(from))
        {
            CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
