using System.Security.Cryptography;
using Slipway.Configuration;
using Slipway.Files;

namespace Slipway.Pipeline.Builds;

/// <summary>
/// Records the <c>[build] artifacts</c> the build left (each file's SHA-256 and size; a directory's every file), and
/// checks them before a step uses them: a file missing, changed or added since the build is refused.
/// </summary>
public static class BuildArtifacts
{
    public static async Task<IReadOnlyList<ArtifactRecord>> RecordAsync(SlipwayConfig config, IEnumerable<string> artifacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(artifacts);
        var records = new List<ArtifactRecord>();
        foreach (var artifact in artifacts)
        {
            var path = config.Resolve(artifact);
            if (File.Exists(path))
            {
                records.Add(new ArtifactRecord(artifact, ArtifactRecord.FileKind, [await HashAsync(config, path, cancellationToken)]));
                continue;
            }

            var files = new List<ArtifactFile>();
            foreach (var file in FilesUnder(path))
            {
                files.Add(await HashAsync(config, file, cancellationToken));
            }

            records.Add(new ArtifactRecord(artifact, ArtifactRecord.DirectoryKind, files));
        }

        return records;
    }

    /// <summary>Refuses the first artifact file that is not what the build recorded (missing, other content, or new in a directory).</summary>
    public static async Task VerifyAsync(SlipwayConfig config, IEnumerable<ArtifactRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            foreach (var file in record.Files)
            {
                var path = config.Resolve(file.Path);
                if (!File.Exists(path))
                {
                    throw BuildErrors.Missing($"{file.Path}, an artifact the build left, is not here");
                }

                var actual = await HashAsync(config, path, cancellationToken);
                if (actual.Sha256 != file.Sha256 || actual.Size != file.Size)
                {
                    throw BuildErrors.Mismatch(file.Path, $"sha256:{file.Sha256} ({file.Size} bytes)", $"sha256:{actual.Sha256} ({actual.Size} bytes)");
                }
            }

            if (record.Kind == ArtifactRecord.DirectoryKind)
            {
                var recorded = record.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
                var extra = FilesUnder(config.Resolve(record.Path)).Select(f => Relative(config, f)).FirstOrDefault(f => !recorded.Contains(f));
                if (extra is not null)
                {
                    throw BuildErrors.Unexpected(extra, record.Path);
                }
            }
        }
    }

    private static IEnumerable<string> FilesUnder(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal)
            : [];

    /// <summary>
    /// The build's output is as untrusted as the pull request that changed the build: an artifact that is a link out of
    /// the repository (to the signing key) or a FIFO is refused rather than read.
    /// </summary>
    private static async Task<ArtifactFile> HashAsync(SlipwayConfig config, string path, CancellationToken cancellationToken)
    {
        if (!RepositoryFile.TryResolve(path, FileBoundary.Repository(config.RootDirectory), out var resolved, out var refusal))
        {
            throw FileErrors.Refused(Relative(config, path), refusal, null);
        }

        await using var stream = File.OpenRead(resolved);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new ArtifactFile(Relative(config, path), Convert.ToHexStringLower(hash), stream.Position);
    }

    private static string Relative(SlipwayConfig config, string path) => BuildLayouts.Display(config, path);
}
