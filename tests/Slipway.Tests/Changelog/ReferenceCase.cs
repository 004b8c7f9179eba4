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

    public void Dispose() => Directory.Dispose();

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
