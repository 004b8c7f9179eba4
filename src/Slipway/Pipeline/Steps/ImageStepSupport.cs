using Slipway.Configuration;
using Slipway.Oci;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;
using Slipway.State;
using Slipway.Versioning;

namespace Slipway.Pipeline.Steps;

/// <summary>What the image steps share: the version's template fields, the pushed images, the tag rollback.</summary>
internal static class ImageStepSupport
{
    public static StepCondition ImagesConfigured(SlipwayConfig config) =>
        StepCondition.When("[[image]] configured", config.Images.Count > 0, "no [[image]] in the configuration");

    public static StepCondition Signed(SlipwayConfig config, string also, bool alsoEnabled, string alsoMissing)
    {
        if (config.Images.Count == 0)
        {
            return StepCondition.When($"[[image]] and {also}", false, "no [[image]] in the configuration");
        }

        return !config.Signing.Signs
            ? StepCondition.When($"[[image]] and {also}", false, "no [signing] key or mode = \"keyless\" in the configuration")
            : StepCondition.When($"[[image]] and {also}", alsoEnabled, alsoMissing);
    }

    public static async Task<(ProjectVersion Version, string Commit, TemplateFields Fields)> VersionAsync(StepContext context, CancellationToken cancellationToken)
    {
        var detected = await context.OutputOfAsync<DetectedVersion>(StepNames.DetectVersion, cancellationToken);
        var text = detected.Version;
        var scheme = context.Config.Project.Scheme;
        if (!scheme.TryParse(text, out var version, out var reason))
        {
            throw VersionErrors.Refused(scheme, "the journaled detect-version", text, reason);
        }

        var commit = detected.Commit;
        return (version, commit, new TemplateFields(version, commit));
    }

    public static async Task<IReadOnlyList<PushedImage>> PushedAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.OutputOfAsync<PrereleaseImages>(StepNames.PushPrerelease, cancellationToken)).Images;

    /// <summary>The registry push-prerelease uses until it takes its ports (<see cref="RunPorts.Registry"/>) too.</summary>
    public static RegistryClient Registry(StepContext context) => ReleaseRegistry.Create(context.Config, context.Services);

    /// <summary>Undoes the tag moves, saying and journaling what each one came to (restored, removed, left alone).</summary>
    public static async Task UndoTagMovesAsync(StepContext context, RegistryClient registry, IReadOnlyList<TagMove> moves, CancellationToken cancellationToken)
    {
        foreach (var action in await TagRollback.UndoAsync(new RegistryImageTags(registry), moves, cancellationToken))
        {
            var detail = action.ToString();
            context.Report(detail);
            await context.Journal.AppendEventAsync(context.Run.Id, RunEventKinds.CompensationAction, null, context.StepName, detail, CancellationToken.None);
        }
    }

    public static ImageReference At(PushedImage image, Digest digest) => ImageReference.Parse(image.Repository).WithDigest(digest);
}
