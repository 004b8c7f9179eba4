using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.Pipeline.Steps;
using Slipway.State;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>
/// One "runner" of a run: a clone with its own disk, against the shared journal its configuration names, executing
/// one named step at a time the way a CI job does (claimed, journaled started, then succeeded with its outputs).
/// </summary>
internal sealed class OneStepRunner : IDisposable
{
    private readonly ReleaseRunner _runner;
    private readonly StepGraph _graph;

    public OneStepRunner(string directory)
    {
        var redactor = new SecretRedactor();
        Config = ConfigLoader.Load(Path.Combine(directory, "slipway.toml"), directory, ProcessEnvironment.Instance, redactor);
        Journal = RunJournalFactory.Open(Config.State, ProcessEnvironment.Instance, redactor, TimeProvider.System);
        Services = new RunServices(ProcessEnvironment.Instance, redactor, TimeProvider.System, RunOwner.ForThisProcess());
        _graph = ReleaseComposition.Graph(Config);
        _runner = new ReleaseRunner(_graph, Config, Journal, Services, SilentRunObserver.Instance);
    }

    public SlipwayConfig Config { get; }

    public IRunJournal Journal { get; }

    public RunServices Services { get; }

    /// <summary>Creates the run of version 1.2.3 at <paramref name="commit"/> and leaves it unowned, as <c>release --create-only</c> does.</summary>
    public async Task<RunRecord> CreateRunAsync(string commit)
    {
        var start = await Journal.OpenRunAsync(
            new NewRun(Config.Project.Name, "1.2.3", commit, ConfigurationHash.Of(Config), new JsonObject { [PreflightStep.AllowDirtyOption] = false }));
        return start.Run;
    }

    public async Task<JsonObject> StepAsync(RunRecord run, string name, string? platform = null)
    {
        var step = _graph.Order.Single(s => s.Name == name);
        var claim = await Journal.TryClaimStepAsync(run.Id, name, Services.Owner, TimeSpan.FromMinutes(5));
        Assert.True(claim.Claimed, $"{name} could not be claimed ({claim.Status})");
        await Journal.StepStartedAsync(run.Id, name, Services.Owner);
        var result = await step.ExecuteAsync(_runner.ContextFor(name, run, new RunInvocation { Platform = platform }), TestContext.Current.CancellationToken);
        await Journal.StepSucceededAsync(run.Id, name, result.Outputs, Services.Owner);
        return result.Outputs;
    }

    public void Dispose() => Journal.Dispose();
}
