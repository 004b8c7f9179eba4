using Slipway.Configuration;
using Slipway.Git;
using Slipway.Oci;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;
using Slipway.Signing;

namespace Slipway.Pipeline.Steps;

/// <summary>SLSA provenance v1 at each pushed image's digest, claiming only what the run knows (commit, version, run).</summary>
public sealed class AttestProvenanceStep(RunPorts ports) : ReleaseStep
{
    public const string BuilderId = "https://slipway.dev/builder/release-run";

    public override string Name => StepNames.AttestProvenance;

    // After the SBOMs: a single-manifest image keeps both in one .att tag, which two writers at once would race on.
    public override IReadOnlyList<string> DependsOn => [StepNames.Sign, StepNames.AttestSbom];

    public override StepPhase Phase => StepPhase.BeforeApproval;

    public override string Description => "attest SLSA provenance v1 for each pushed image digest";

    /// <summary>Nothing here: push-prerelease puts the cosign tags back after the prerelease tags (DESIGN.md invariant 4).</summary>
    public override bool CanCompensate => true;

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ImageStepSupport.Signed(config, "[signing] key", true, string.Empty);
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var images = await ImageStepSupport.PushedAsync(context, cancellationToken);
        var (version, commit, _) = await ImageStepSupport.VersionAsync(context, cancellationToken);
        var build = await context.TryOutputOfAsync<BuildTiming>(StepNames.Build, cancellationToken);
        using var registry = ports.Registry(RegistryRole.Prerelease, context.Services);
        using var signer = ports.Signer(context.Services);
        var facts = new ProvenanceFacts(
            BuilderId,
            await SourceRepositoryAsync(context, ports.Git, cancellationToken),
            commit,
            version.ToString(),
            context.Run.Id,
            1,
            context.Run.CreatedAt,
            Ref: "refs/heads/" + context.Config.Project.ReleaseBranch,
            ConfigurationDigest: context.Run.ConfigHash);
        var artifacts = await ArtifactTags.RecordAsync(
            context, registry, images.Select(i => CosignStore.AttestationTag(ImageReference.Parse(i.Repository), i.Digest)), cancellationToken);
        var journal = await ReferrerJournal.OpenAsync(context, artifacts, cancellationToken);
        var signing = new ImageSigning(registry, signer, context.Config.Signing.Format, context.Services.Time, journal.RecordAsync);
        var attested = new List<ProvenanceAttestation>();
        foreach (var image in images)
        {
            var result = await signing.AttestProvenanceAsync(ImageStepSupport.At(image, image.Digest), facts, cancellationToken);
            context.Report($"{(result.AlreadyAttested ? "provenance already attested for" : "attested provenance for")} {image.Repository}@{image.Digest}");
            attested.Add(new ProvenanceAttestation(image.Repository, image.Digest, result.AttestationTag.Tag!, build?.Seconds));
        }

        return StepResult.Done(new ProvenanceAttestations(attested, artifacts, journal.Referrers));
    }

    /// <summary>
    /// The remote's URL, without any user or token in it (a CI checkout's https URL often carries one); the project
    /// name when the remote has no URL.
    /// </summary>
    private static async Task<string> SourceRepositoryAsync(StepContext context, GitCli git, CancellationToken cancellationToken)
    {
        var (exitCode, output, _) = await git.TryRunAsync(["remote", "get-url", context.Config.Forge.Remote], cancellationToken);
        var url = output.Trim();
        if (exitCode != 0 || url.Length == 0)
        {
            return context.Config.Project.Name;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : url;
    }
}
