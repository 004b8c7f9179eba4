using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Pipeline.Builds;

/// <summary>
/// Reads the layouts a build leaves into records, and checks a layout handed over to another machine against its
/// record: the digest of <c>index.json</c>, the manifest taken from it, and the content of every blob it needs, all
/// before anything is pushed.
/// </summary>
public static class BuildLayouts
{
    private const int HashConcurrency = 4;

    /// <summary>
    /// Reads <paramref name="argument"/> (<c>LAYOUT[:NAME]</c>) of <paramref name="image"/>. For a platform's layout
    /// (<paramref name="platform"/> given) the layout must hold exactly that platform; its manifest is what is taken.
    /// </summary>
    public static async Task<CheckedLayout> ReadAsync(SlipwayConfig config, ImageSection image, string argument, string? platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(image);
        var (path, name) = OciLayout.SplitArgument(argument, config.RootDirectory);
        var layout = OciLayout.Open(path, cancellationToken);
        var entry = layout.Select(name);
        var plan = await PushPlan.CreateAsync(layout, entry, cancellationToken);
        IReadOnlyList<PlatformManifest> platforms;
        if (platform is null)
        {
            platforms = Platforms(layout, plan);
        }
        else
        {
            var (manifest, actual) = PlatformManifestOf(layout, plan, argument, platform);
            plan = await PushPlan.CreateAsync(layout, manifest, cancellationToken);
            platforms = [PlatformManifest.From(manifest with { MediaType = plan.TopManifest.MediaType }, actual)];
        }

        var top = plan.TopManifest;
        var record = new LayoutRecord(
            image.Repository.ToString(), argument, platform, layout.IndexDigest.ToString(), layout.IndexSize, top.Digest.ToString(), top.Size, top.MediaType, platforms);
        return new CheckedLayout(layout, plan, record);
    }

    /// <summary>
    /// Checks the layout on disk against what the build recorded, before it is used: a layout missing, changed or
    /// with a blob whose content is not its digest is refused, naming the file and both digests.
    /// </summary>
    public static async Task<CheckedLayout> VerifyAsync(SlipwayConfig config, ImageSection image, LayoutRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(record);
        var (path, _) = OciLayout.SplitArgument(record.Layout, config.RootDirectory);
        var display = Display(config, path);
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw BuildErrors.Missing($"{display}, the layout of {record.Repository}{For(record)} that the build left, is not here");
        }

        var indexFile = Directory.Exists(path) ? $"{display}/index.json" : $"{display} (index.json)";
        CheckedLayout current;
        try
        {
            current = await ReadAsync(config, image, record.Layout, record.Platform, cancellationToken);
        }
        catch (SlipwayException exception) when (exception.Code is ErrorCode.LayoutInvalid or ErrorCode.LayoutBlobCorrupt or ErrorCode.LayoutBlobMissing
            or ErrorCode.LayoutNameNotFound or ErrorCode.LayoutAmbiguous or ErrorCode.LayoutPlatformMismatch)
        {
            // What was readable when the build recorded it no longer is: say whether index.json changed under it.
            var index = TryIndexDigest(path, cancellationToken);
            if (index is not null && index != record.Index)
            {
                throw BuildErrors.Mismatch(indexFile, record.Index, index);
            }

            throw BuildErrors.Mismatch(display, record.Digest, $"unusable ({exception.Message})");
        }

        if (current.Record.Index != record.Index)
        {
            throw BuildErrors.Mismatch(indexFile, record.Index, current.Record.Index);
        }

        if (current.Record.Digest != record.Digest)
        {
            throw BuildErrors.Mismatch($"{display} ({record.Platform ?? "its entry"})", record.Digest, current.Record.Digest);
        }

        await VerifyBlobsAsync(current, display, cancellationToken);
        return current with { Record = record };
    }

    private static async Task VerifyBlobsAsync(CheckedLayout checkedLayout, string display, CancellationToken cancellationToken)
    {
        var layout = checkedLayout.Layout;
        var folder = Directory.Exists(layout.Path);
        var options = new ParallelOptions { MaxDegreeOfParallelism = HashConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(checkedLayout.Plan.Blobs, options, async (blob, ct) =>
        {
            Digest actual;
            await using (var content = layout.OpenBlob(blob.Digest))
            {
                actual = await blob.Digest.ComputeAsync(content, ct);
            }

            if (actual != blob.Digest)
            {
                var file = folder ? $"{display}/blobs/{blob.Digest.Algorithm}/{blob.Digest.Hex}" : $"{display} (blobs/{blob.Digest.Algorithm}/{blob.Digest.Hex})";
                throw BuildErrors.Mismatch(file, blob.Digest.ToString(), actual.ToString());
            }
        });
    }

    private static string? TryIndexDigest(string path, CancellationToken cancellationToken)
    {
        try
        {
            return OciLayout.Open(path, cancellationToken).IndexDigest.ToString();
        }
        catch (SlipwayException)
        {
            return null;
        }
    }

    private static (Descriptor Manifest, Platform Platform) PlatformManifestOf(OciLayout layout, PushPlan plan, string argument, string platform)
    {
        var document = plan.TopManifest.Parse();
        Descriptor manifest;
        if (document.IsIndex)
        {
            var entries = document.PlatformEntries.ToList();
            if (entries.Count != 1)
            {
                var listed = entries.Count == 0 ? "no platform image" : $"{entries.Count} platform images";
                throw BuildErrors.PlatformMismatch(argument, platform, listed);
            }

            manifest = entries[0];
        }
        else
        {
            manifest = plan.Top;
        }

        var actual = manifest.Platform ?? ConfigPlatform(layout, manifest);
        if (actual is null)
        {
            throw BuildErrors.PlatformMismatch(argument, platform, "an image that states no platform");
        }

        if (!PlatformSpecifier.IsValid(actual, out _))
        {
            throw BuildErrors.PlatformMismatch(argument, platform, "an image whose platform is not os/arch[/variant]");
        }

        return ImageSection.PlatformKey(actual) == platform ? (manifest, actual) : throw BuildErrors.PlatformMismatch(argument, platform, actual.ToString());
    }

    private static Platform? ConfigPlatform(OciLayout layout, Descriptor manifest)
    {
        var mediaType = MediaTypes.IsKnownManifestType(manifest.MediaType) ? manifest.MediaType : null;
        var document = ManifestDocument.Parse(layout.ReadBlob(manifest.Digest), mediaType, manifest.Digest.ToString());
        return !document.IsIndex && document.Config is { } config && config.Size < 1024 * 1024 ? ImageConfig.ReadPlatform(layout.ReadBlob(config.Digest)) : null;
    }

    private static List<PlatformManifest> Platforms(OciLayout layout, PushPlan plan)
    {
        var document = plan.TopManifest.Parse();
        if (document.IsIndex)
        {
            return [.. document.PlatformEntries.Where(m => m.Platform is not null).Select(m => PlatformManifest.From(m, m.Platform!))];
        }

        var platform = plan.Top.Platform ?? ConfigPlatform(layout, plan.Top);
        return platform is null ? [] : [PlatformManifest.From(plan.Top with { MediaType = plan.TopManifest.MediaType }, platform)];
    }

    private static string For(LayoutRecord record) => record.Platform is null ? string.Empty : $" for {record.Platform}";

    internal static string Display(SlipwayConfig config, string path)
    {
        var relative = Path.GetRelativePath(config.RootDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }
}
