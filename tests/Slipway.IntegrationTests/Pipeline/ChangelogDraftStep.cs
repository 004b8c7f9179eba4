using Slipway.Pipeline;
using Slipway.Pipeline.Outputs;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>Stands in for the changelog capability's changelog-render step: journals fixed notes, file and fragments.</summary>
public sealed class ChangelogDraftStep(string notes, string file, string content, params string[] fragments) : ReleaseStep
{
    public override string Name => StepNames.ChangelogRender;

    public override IReadOnlyList<string> DependsOn => [StepNames.Preflight];

    public override StepPhase Phase => StepPhase.BeforeBuild;

    public override string Description => "draft notes (test)";

    public override Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StepResult.Done(new RenderedChangelog(notes, file, content, fragments)));
}
