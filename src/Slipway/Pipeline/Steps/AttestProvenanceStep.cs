using System.Reflection;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Git;
using Slipway.Oci;
using Slipway.Pipeline.Builds;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;
using Slipway.Signing;
using Slipway.Signing.Provenance;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// SLSA provenance v1 at each pushed image's digest, claiming only what the run knows: GitHub's workflow build type
/// from the GitHub Actions run the build journaled (or, without a build step, the run of this job), Slipway's own
/// build type outside GitHub Actions (commit, version, configuration, build command, artifacts, run).
/// </summary>
public sealed class AttestProvenanceStep(RunPorts ports) : ReleaseStep
{
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

    /// <summary>
    /// The GitHub Actions run a step of <paramref name="config"/>'s release records for the provenance: null outside
    /// GitHub Actions or when no provenance is attested; inside, every variable of the build type must be set, and the
    /// run must have checked out <paramref name="commit"/> (coded errors, from preflight before anything changes).
    /// </summary>
    public static GitHubActionsRun? RecordedRun(SlipwayConfig config, IEnvironment environment, string commit)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!ImageStepSupport.Signed(config, "[signing] key", true, string.Empty).Enabled || GitHubActionsRun.Read(environment) is not { } run)
        {
            return null;
        }

        return string.Equals(run.Sha, commit, StringComparison.OrdinalIgnoreCase) ? run : throw ProvenanceErrors.CommitMismatch(commit, run.Sha);
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var images = await ImageStepSupport.PushedAsync(context, cancellationToken);
        var (version, commit, _) = await ImageStepSupport.VersionAsync(context, cancellationToken);
        // The build's run when there was a build (a build outside GitHub Actions journals none: the provenance says so,
        // whichever job signs); without a build step, the run of this job.
        var build = await context.TryOutputOfAsync<BuildInvocation>(StepNames.Build, cancellationToken);
        var run = build is null ? RecordedRun(context.Config, context.Services.Environment, commit) : build.GitHub;
        if (run is not null && !string.Equals(run.Sha, commit, StringComparison.OrdinalIgnoreCase))
        {
            throw ProvenanceErrors.CommitMismatch(commit, run.Sha);
        }

        var record = BuildRecord.FromOutputs(await context.TryOutputsOfAsync(StepNames.Build, cancellationToken));
        using var registry = ports.Registry(RegistryRole.Prerelease, context.Services);
        using var signer = await ports.SigningSignerAsync(context.Services, cancellationToken);
        var facts = new ProvenanceFacts(
            SlsaProvenance.LocalBuilderId,
            await SourceRepositoryAsync(context, ports.Git, cancellationToken),
            commit,
            version.ToString(),
            context.Run.Id,
            1,
            context.Run.CreatedAt,
            Ref: "refs/heads/" + context.Config.Project.ReleaseBranch,
            ConfigurationDigest: context.Run.ConfigHash)
        {
            BuildCommand = context.Config.Build?.Command,
            Artifacts = [.. (record?.Artifacts ?? []).SelectMany(a => a.Files).Select(f => new ProvenanceArtifact(f.Path, f.Sha256))],
            SlipwayVersion = SlipwayVersion,
            GitHub = run,
        };
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

        return StepResult.Done(new ProvenanceAttestations(attested, artifacts, journal.Referrers, ProvenancePolicy.Satisfied(facts)));
    }

    private static string? SlipwayVersion =>
        typeof(SlsaProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

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
