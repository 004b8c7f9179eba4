using Slipway.Configuration;
using Slipway.Oci;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;
using Slipway.Signing;
using Slipway.State;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// One SBOM per platform manifest from <c>[sbom] command</c>, each parsed and held to the package floor before any is
/// attested. The floor rises with the previous release's count per platform, read from the journal's last succeeded run.
/// </summary>
public sealed class AttestSbomStep(RunPorts ports) : ReleaseStep
{
    public override string Name => StepNames.AttestSbom;

    public override IReadOnlyList<string> DependsOn => [StepNames.Sign];

    public override StepPhase Phase => StepPhase.BeforeApproval;

    public override string Description => "attest an SBOM for each platform manifest ([sbom] command), held to the package floor";

    /// <summary>Nothing here: push-prerelease puts the cosign tags back after the prerelease tags (DESIGN.md invariant 4).</summary>
    public override bool CanCompensate => true;

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ImageStepSupport.Signed(config, "[sbom] command", config.Sbom.Command is not null, "no [sbom] command in the configuration");
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var images = await ImageStepSupport.PushedAsync(context, cancellationToken);
        var sbom = context.Config.Sbom;
        using var registry = ports.Registry(RegistryRole.Prerelease, context.Services);
        using var signer = await ports.SigningSignerAsync(context.Services, cancellationToken);
        var previous = await PreviousCountsAsync(context, cancellationToken);
        var artifacts = await ArtifactTags.RecordAsync(
            context,
            registry,
            images.SelectMany(i => (i.Platforms.Count > 0 ? i.Platforms.Select(p => p.Digest) : [i.Digest])
                .Select(d => CosignStore.AttestationTag(ImageReference.Parse(i.Repository), d))),
            cancellationToken);
        var journal = await ReferrerJournal.OpenAsync(context, artifacts, cancellationToken);
        var signing = new ImageSigning(registry, signer, context.Config.Signing.Format, context.Services.Time, journal.RecordAsync);
        var attested = new List<SbomAttestation>();
        foreach (var image in images)
        {
            var results = await signing.AttestSbomsAsync(
                ImageStepSupport.At(image, image.Digest),
                (target, ct) => SbomCommand.RunAsync(sbom.Command!, target, context.Config.RootDirectory, ct),
                target => sbom.Floor(previous.TryGetValue(target.PlatformText, out var count) ? count : null),
                cancellationToken);
            foreach (var result in results)
            {
                context.Report($"SBOM of {image.Repository}@{result.Digest} ({result.Platform}): {result.PackageCount} packages");
                attested.Add(new SbomAttestation(image.Repository, result.Digest, result.Platform?.ToString() ?? string.Empty, result.PackageCount, result.AttestationTag.Tag!));
            }
        }

        return StepResult.Done(new SbomAttestations(attested, artifacts, journal.Referrers));
    }

    /// <summary>Package counts per platform from the previous release's attest-sbom step in the journal, when there is one.</summary>
    private static async Task<Dictionary<string, int>> PreviousCountsAsync(StepContext context, CancellationToken cancellationToken)
    {
        var previous = await context.Journal.PreviousReleaseAsync(context.Run.Project, context.Run.Id, cancellationToken);
        if (previous is null)
        {
            return [];
        }

        var steps = await context.Journal.StepsAsync(previous.Id, cancellationToken);
        var counts = Counts(steps.FirstOrDefault(s => s.Name == StepNames.AttestSbom && s.Status == StepStatus.Succeeded)?.Outputs is { } outputs
            ? StepOutputJson.Read<SbomAttestations>(outputs, StepNames.AttestSbom)
            : null);
        if (counts.Count > 0)
        {
            context.Report($"package floor from release {previous.Version}: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
        }

        return counts;
    }

    private static Dictionary<string, int> Counts(SbomAttestations? previous) =>
        previous is null
            ? []
            : previous.Sboms.Where(s => s.Packages is not null)
                .GroupBy(s => s.Platform)
                .ToDictionary(g => g.Key, g => g.Max(s => s.Packages!.Value), StringComparer.Ordinal);
}
