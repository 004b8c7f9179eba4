using Slipway.Configuration;
using Slipway.Oci;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;
using Slipway.Signing;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Signs each pushed image's digest with the <c>[signing]</c> key (cosign's layout). Idempotent: a signature this key
/// already made is kept. The signature tags are journaled first with what they named, for the rollback.
/// </summary>
public sealed class SignStep(RunPorts ports) : ReleaseStep
{
    public override string Name => StepNames.Sign;

    public override IReadOnlyList<string> DependsOn => [StepNames.PushPrerelease];

    public override StepPhase Phase => StepPhase.BeforeApproval;

    public override string Description => "sign each pushed image digest with the [signing] key";

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
        using var registry = ports.Registry(RegistryRole.Prerelease, context.Services);
        using var signer = await ports.SigningSignerAsync(context.Services, cancellationToken);
        var artifacts = await ArtifactTags.RecordAsync(
            context, registry, images.Select(i => CosignStore.SignatureTag(ImageReference.Parse(i.Repository), i.Digest)), cancellationToken);
        var journal = await ReferrerJournal.OpenAsync(context, artifacts, cancellationToken);
        var signing = new ImageSigning(registry, signer, context.Config.Signing.Format, context.Services.Time, journal.RecordAsync);
        var signatures = new List<ImageSignature>();
        foreach (var image in images)
        {
            var result = await signing.SignAsync(ImageStepSupport.At(image, image.Digest), cancellationToken);
            context.Report($"{(result.AlreadySigned ? "already signed" : "signed")} {image.Repository}@{image.Digest}");
            signatures.Add(new ImageSignature(image.Repository, image.Digest, result.SignatureTag.Tag!));
        }

        var keyless = signer is KeylessSigner certified ? SignerIdentity.Read(certified.Certificate) : null;
        return StepResult.Done(new ImageSignatures(signatures, artifacts, journal.Referrers, keyless));
    }
}
