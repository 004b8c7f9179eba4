namespace Slipway.Oci;

/// <summary>
/// Packs directories into an OCI image layout without Docker: one single-layer image per platform (the directory's
/// files, in path order, with a fixed modification time, so the same files give the same digests), under an index
/// when there are several platforms. <c>slipway image layout</c>; builds use it to produce what a release pushes.
/// </summary>
public static class LayoutPacker
{
    public static LayoutPackResult Pack(IReadOnlyList<LayoutSource> sources, string output, string? name = null, bool tar = false)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(output);
        if (sources.Count == 0)
        {
            throw LayoutPackErrors.NoPlatform();
        }

        var repeated = sources.GroupBy(s => s.Platform).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw LayoutPackErrors.PlatformTwice(repeated.Key);
        }

        var layers = sources.Select(s => (Source: s, Files: ReadFiles(s.Directory))).ToList();
        var empty = layers.FirstOrDefault(l => l.Files.Count == 0);
        if (empty.Source is not null)
        {
            throw LayoutPackErrors.NoFiles(empty.Source.Directory, empty.Source.Platform);
        }

        var directory = tar ? Path.Combine(Path.GetTempPath(), $"slipway-layout-{Guid.NewGuid():N}") : output;
        if (!tar && Directory.Exists(Path.Combine(directory, "blobs")))
        {
            // Start afresh: an index.json left by an earlier build must not list an old image beside the new one.
            File.Delete(Path.Combine(directory, "index.json"));
        }

        try
        {
            var writer = new OciLayoutWriter(directory);
            var manifests = layers.Select(l => writer.WriteImage(l.Source.Platform, [OciLayoutWriter.TarLayer(l.Files)])).ToList();
            var top = manifests.Count == 1
                ? manifests[0]
                : writer.WriteManifest(OciJson.Index(manifests), MediaTypes.OciIndex);
            writer.AddEntry(top with { Platform = null }, name);
            if (tar)
            {
                writer.PackTar(output);
            }

            return new LayoutPackResult(output, top.Digest, top.MediaType, [.. manifests.Select(m => new PlatformImage(m.Platform!, m.Digest, m.MediaType, m.Size))]);
        }
        finally
        {
            if (tar)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    public static Diagnostics.SlipwayException InvalidSource(string error) => LayoutPackErrors.InvalidSource(error);

    private static Dictionary<string, byte[]> ReadFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
}
