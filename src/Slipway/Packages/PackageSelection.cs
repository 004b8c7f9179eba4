using Slipway.Configuration;
using Slipway.Pipeline.Builds;

namespace Slipway.Packages;

/// <summary>
/// The files one <c>[[package]]</c> publishes: every file its globs match among the artifacts the build journaled, each
/// checked to still hold the bytes the build recorded. A glob that matches a file on disk the build did not journal,
/// or that matches nothing, is refused: only what was built (and hashed) is ever published.
/// </summary>
public static class PackageSelection
{
    public static async Task<IReadOnlyList<PackageFile>> SelectAsync(SlipwayConfig config, PackageSection section, IEnumerable<ArtifactRecord> artifacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(artifacts);
        var built = artifacts.SelectMany(a => a.Files).GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var selected = new List<ArtifactFile>();
        foreach (var text in section.Files)
        {
            if (!PackageGlob.TryParse(text, out var glob, out _))
            {
                throw PackageErrors.GlobEmpty(section.Display, text);
            }

            var onDisk = OnDisk(config, glob).ToList();
            if (onDisk.FirstOrDefault(p => !built.ContainsKey(p)) is { } stray)
            {
                throw PackageErrors.NotBuilt(section.Display, stray);
            }

            var matched = built.Values.Where(f => glob.IsMatch(f.Path)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            if (section.Kind == PackageSection.NuGetKind && !section.Symbols)
            {
                matched.RemoveAll(f => f.Path.EndsWith(".snupkg", StringComparison.OrdinalIgnoreCase));
            }

            if (matched.Count == 0)
            {
                throw PackageErrors.GlobEmpty(section.Display, text);
            }

            selected.AddRange(matched.Where(m => !selected.Contains(m)));
        }

        // The bytes published are the bytes the build hashed (the same check every step makes of what it was handed).
        await BuildArtifacts.VerifyAsync(config, selected.Select(f => new ArtifactRecord(f.Path, ArtifactRecord.FileKind, [f])), cancellationToken);
        return [.. selected.Select(f => new PackageFile(config.Resolve(f.Path), Path.GetFileName(f.Path), f.Sha256, f.Size))];
    }

    private static IEnumerable<string> OnDisk(SlipwayConfig config, PackageGlob glob)
    {
        var root = config.Resolve(glob.BaseDirectory.Length == 0 ? "." : glob.BaseDirectory);
        if (!Directory.Exists(root))
        {
            return [];
        }

        // Links are not followed: a folder linked out of the repository is never searched.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, "*", options)
            .Select(p => Path.GetRelativePath(config.RootDirectory, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("..", StringComparison.Ordinal) && !p.StartsWith(".git/", StringComparison.Ordinal) && !p.StartsWith(".slipway/", StringComparison.Ordinal))
            .Where(glob.IsMatch);
    }
}
