using System.Security.Cryptography;
using System.Text;
using Slipway.Forges;
using Slipway.Pipeline.Builds;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// The release draft-release stages and create-release publishes, from the journal only: the tag and built commit of
/// detect-version, the body compose-notes journaled (or the rendered notes, or a fallback), and as assets every <c>[build] artifacts</c> file (verified
/// against what the build recorded) and the signatures, SBOMs and provenance of
/// each signed image, with a <c>SHA256SUMS</c> over them all; a forge without assets (an annotated tag)
/// gets none and the files are not read.
/// </summary>
internal static class ReleaseRequests
{
    public const string ChecksumsName = "SHA256SUMS";

    // images: the assets read from the registry (ImageReleaseAssets), summed in SHA256SUMS with the build's files.
    public static async Task<ReleaseRequest> ForAsync(StepContext context, bool withAssets, IReadOnlyList<ReleaseAsset> images, CancellationToken cancellationToken)
    {
        var detected = await context.OutputOfAsync<DetectedVersion>(StepNames.DetectVersion, cancellationToken);
        var name = $"{context.Config.Project.Name} {detected.Version}";

        // The body compose-notes journaled before the approval, so a resume publishes the text the approver saw.
        var composed = await context.TryOutputOfAsync<ComposedNotes>(StepNames.ComposeNotes, cancellationToken);
        var changelog = composed is null ? await context.TryOutputOfAsync<RenderedChangelog>(StepNames.ChangelogRender, cancellationToken) : null;
        var body = composed?.Body ?? changelog?.Notes ?? name;
        if (!withAssets)
        {
            return new ReleaseRequest(detected.Tag, detected.Commit, detected.Version, name, body, detected.Prerelease, []);
        }

        var build = JournaledBuild.From(await context.Journal.StepsAsync(context.Run.Id, cancellationToken));
        var records = build.Artifacts.ToList();
        await BuildArtifacts.VerifyAsync(context.Config, records, cancellationToken);
        var assets = new List<ReleaseAsset>();
        foreach (var file in records.SelectMany(r => r.Files))
        {
            var path = context.Config.Resolve(file.Path);
            assets.Add(new ReleaseAsset(Path.GetFileName(file.Path), ContentTypes.For(file.Path), file.Sha256, file.Size, () => File.OpenRead(path)));
        }

        assets.AddRange(images);
        if (assets.Count > 0)
        {
            assets.Add(Checksums(assets));
        }

        return new ReleaseRequest(detected.Tag, detected.Commit, detected.Version, name, body, detected.Prerelease, assets);
    }

    /// <summary><c>sha256sum</c>'s format (two spaces, binary-safe names), sorted, so <c>sha256sum -c</c> checks a download.</summary>
    private static ReleaseAsset Checksums(IEnumerable<ReleaseAsset> assets)
    {
        var text = new StringBuilder();
        foreach (var asset in assets.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            text.Append(asset.Sha256).Append("  ").Append(asset.Name).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new ReleaseAsset(ChecksumsName, "text/plain", sha, bytes.Length, () => new MemoryStream(bytes, writable: false));
    }
}
