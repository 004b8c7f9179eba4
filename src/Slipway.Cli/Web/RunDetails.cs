using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Pipeline;
using Slipway.Pipeline.Outputs;
using Slipway.State;

namespace Slipway.Cli.Web;

/// <summary>
/// Everything the run page shows, read from the journal: the run, its steps in graph order, its events, and the typed
/// outputs of the image, scan, SBOM, signing and changelog steps (with the previous release's SBOM counts), and the
/// release tag moves the approval step read before the run waited.
/// </summary>
internal sealed record RunDetails(
    RunRecord Run,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<RunEvent> Events,
    IReadOnlyList<PushedImage> Images,
    IReadOnlyList<PushedImage> Promoted,
    ScanOutcome? Scan,
    SbomAttestations? Sboms,
    SbomAttestations? PreviousSboms,
    ImageSignatures? Signatures,
    ProvenanceAttestations? Provenance,
    RenderedChangelog? Changelog,
    RunEvent? Decision,
    IReadOnlyList<PendingTagMove> TagMoves)
{
    /// <summary>The digests an approver sees, in the order shown: what a decision from the page is checked against.</summary>
    public string DigestsShown => string.Join(',', Images.SelectMany(i => i.AllDigests).Select(d => d.ToString()));

    public static async Task<RunDetails?> LoadAsync(IRunJournal journal, StepGraph graph, string runId, CancellationToken cancellationToken)
    {
        var run = await journal.FindRunAsync(runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var steps = graph.InOrder(await journal.StepsAsync(run.Id, cancellationToken));
        var events = await journal.EventsAsync(run.Id, cancellationToken);
        SbomAttestations? previous = null;
        if (await journal.PreviousReleaseAsync(run.Project, run.Id, cancellationToken) is { } before)
        {
            previous = Output<SbomAttestations>(await journal.StepsAsync(before.Id, cancellationToken), StepNames.AttestSbom);
        }

        return new RunDetails(
            run,
            steps,
            events,
            Output<PrereleaseImages>(steps, StepNames.PushPrerelease)?.Images ?? [],
            Output<PromotedImages>(steps, StepNames.PromoteImages)?.Images ?? [],
            Output<ScanOutcome>(steps, StepNames.Scan),
            Output<SbomAttestations>(steps, StepNames.AttestSbom),
            previous,
            Output<ImageSignatures>(steps, StepNames.Sign),
            Output<ProvenanceAttestations>(steps, StepNames.AttestProvenance),
            Output<RenderedChangelog>(steps, StepNames.ChangelogRender),
            events.LastOrDefault(e => e.Kind is RunEventKinds.Approved or RunEventKinds.Rejected),
            ApprovalPreview.Journaled(steps));
    }

    /// <summary>The release tags each image will get, rendered from the configuration for the run's version.</summary>
    public IReadOnlyList<string> FutureTags(SlipwayConfig config, PushedImage image)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(image);
        var section = config.Images.FirstOrDefault(i => i.Repository.ToString() == image.Repository);
        if (section is null || !config.Project.Scheme.TryParse(Run.Version, out var version, out _))
        {
            return [];
        }

        return ImageSection.RenderTags(section.ReleaseTags, new Versioning.TemplateFields(version, Run.Commit));
    }

    // A step's output that this version cannot read is left out of the page, not an error page: the JSON document
    // (/api/runs/{id}) still carries it as journaled.
    private static T? Output<T>(IEnumerable<StepRecord> steps, string stepName)
        where T : class, IStepOutput<T>
    {
        var outputs = steps.FirstOrDefault(s => s.Name == stepName && s.Status == StepStatus.Succeeded)?.Outputs;
        if (outputs is null || outputs.Count == 0)
        {
            return null;
        }

        try
        {
            return StepOutputJson.Read<T>((JsonObject)outputs.DeepClone(), stepName);
        }
        catch (Diagnostics.SlipwayException)
        {
            return null;
        }
    }
}
