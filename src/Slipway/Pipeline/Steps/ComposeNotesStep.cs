using Slipway.Configuration;
using Slipway.Notes;
using Slipway.Pipeline.Outputs;
using Slipway.Signing.Provenance;
using Slipway.State;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Composes the release body before the approval and journals it (<see cref="ComposedNotes"/>): the approver can read
/// what will be published, the forge's body limit is applied here rather than at create-release (after packages are
/// out), and a resume publishes the same text instead of asking the model again. A narrative that fails is one
/// warning; the release goes on without it. After sign and attest-provenance, so the body ends with the verify commands
/// for the signed digests, the identity that signed and the provenance's policy.
/// </summary>
public sealed class ComposeNotesStep(RunPorts ports, bool changelogConfigured) : ReleaseStep
{
    public override string Name => StepNames.ComposeNotes;

    public override IReadOnlyList<string> DependsOn =>
        [StepNames.Preflight, .. changelogConfigured ? [StepNames.ChangelogRender] : (string[])[], StepNames.Sign, StepNames.AttestProvenance];

    public override StepPhase Phase => StepPhase.BeforeApproval;

    public override string Description => "compose the release body (narrative, hand-written notes, pull requests) and journal it";

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detected = await context.OutputOfAsync<DetectedVersion>(StepNames.DetectVersion, cancellationToken);
        var changelog = await context.TryOutputOfAsync<RenderedChangelog>(StepNames.ChangelogRender, cancellationToken);
        var config = context.Config;
        if (!config.Project.Scheme.TryParse(detected.Version, out var version, out var reason))
        {
            throw NotesErrors.VersionInvalid(detected.Version, config.Project.Scheme.Title, reason);
        }

        using var narrative = NarrativeWriters.Create(config, context.Services.Environment, context.Services.Redactor);
        // A forge that lists the release's pull requests itself (GitHub's generate-notes) is asked; else the git history.
        using var forge = ports.Forge(context.Services);
        var pullRequests = forge as IPullRequestList ?? ports.PullRequests;
        var composer = new NotesComposer(config.Project, config.RootDirectory, pullRequests, narrative, config.Notes.PullRequests);
        var verify = await VerifyAsync(context, cancellationToken);
        var notes = await composer.ComposeAsync(new NotesRequest(version, detected.Tag, detected.Commit, changelog?.Notes, ports.ForgeKind, verify), cancellationToken);
        foreach (var warning in notes.Warnings)
        {
            context.Report($"warning {warning}");
        }

        context.Report(notes.Narrative is null
            ? $"composed {notes.Body.Length} characters since {notes.PreviousTag ?? "the first commit"}"
            : $"composed {notes.Body.Length} characters since {notes.PreviousTag ?? "the first commit"}, with a narrative by {notes.Model}");
        return StepResult.Done(new ComposedNotes(
            context.FreeText(notes.Body),
            notes.Narrative is null ? null : context.FreeText(notes.Narrative),
            notes.HandWritten is null ? null : context.FreeText(notes.HandWritten),
            context.FreeText(notes.PullRequests),
            notes.PreviousTag,
            notes.Truncated,
            notes.Limit,
            notes.Model,
            notes.PromptHash,
            [.. notes.Warnings.Select(w => context.FreeText(w.ToString()))]));
    }

    /// <summary>The verify commands for what sign journaled (null when nothing was signed), with the provenance's policy.</summary>
    private static async Task<VerifyInstructions?> VerifyAsync(StepContext context, CancellationToken cancellationToken) =>
        Verify(await context.Journal.StepsAsync(context.Run.Id, cancellationToken), context.Config);

    /// <summary>
    /// The Verify section from a run's journaled steps: the digests sign journaled and the policy attest-provenance
    /// satisfies (null when sign did not succeed or signed nothing). <c>slipway notes</c> reads a run's the same way.
    /// </summary>
    public static VerifyInstructions? Verify(IReadOnlyList<StepRecord> steps, SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(config);
        if (Succeeded<ImageSignatures>(steps, StepNames.Sign) is not { Signatures.Count: > 0 } signed)
        {
            return null;
        }

        var provenance = Succeeded<ProvenanceAttestations>(steps, StepNames.AttestProvenance);
        return new VerifyInstructions(
            [.. signed.Signatures.Select(s => $"{s.Repository}@{s.Digest}")],
            config.Signing.PublicKey,
            signed.Keyless,
            provenance?.Satisfies ?? ProvenancePolicy.None);
    }

    private static T? Succeeded<T>(IReadOnlyList<StepRecord> steps, string stepName)
        where T : class, IStepOutput<T> =>
        steps.FirstOrDefault(s => s.Name == stepName && s.Status == StepStatus.Succeeded)?.Outputs is { } outputs
            ? StepOutputJson.Read<T>(outputs, stepName)
            : null;
}
