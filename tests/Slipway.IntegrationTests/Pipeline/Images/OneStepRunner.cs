using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.Pipeline.Steps;
using Slipway.State;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>
/// One "runner" of a run: a clone with its own disk, against the shared journal its configuration names, executing
/// one named step at a time through the step executor, as <c>slipway step NAME --run RUN</c> in a CI job does.
/// </summary>
internal sealed class OneStepRunner : IDisposable
{
    private readonly StepExecutor _executor;
    private readonly StepGraph _graph;

    public OneStepRunner(string directory)
    {
        var redactor = new SecretRedactor();
        Config = ConfigLoader.Load(Path.Combine(directory, "slipway.toml"), directory, ProcessEnvironment.Instance, redactor);
        Journal = RunJournalFactory.Open(Config.State, ProcessEnvironment.Instance, redactor, TimeProvider.System);
        var services = new RunServices(ProcessEnvironment.Instance, redactor, TimeProvider.System, RunOwner.ForThisProcess());
        _graph = ReleaseComposition.Graph(Config);
        _executor = new StepExecutor(_graph, Config, Journal, services, SilentRunObserver.Instance);
    }

    public SlipwayConfig Config { get; }

    public IRunJournal Journal { get; }

    /// <summary>Creates the run of version 1.2.3 at <paramref name="commit"/>, as <c>release --create-only</c> does.</summary>
    public async Task<RunRecord> CreateRunAsync(string commit) =>
        (await Journal.OpenRunAsync(
            new NewRun(Config.Project.Name, "1.2.3", commit, ConfigurationHash.Of(Config), new JsonObject { [PreflightStep.AllowDirtyOption] = false }))).Run;

    /// <summary>Runs every step <paramref name="name"/> depends on that is not done yet, in graph order.</summary>
    public async Task BeforeAsync(RunRecord run, string name)
    {
        var ancestors = _graph.Ancestors(name);
        foreach (var step in _graph.Order.Where(s => ancestors.Contains(s.Name)))
        {
            var execution = await _executor.RunAsync(run, step.Name, new RunInvocation(), TestContext.Current.CancellationToken);
            Assert.True(execution.Kind is StepExecutionKind.Succeeded or StepExecutionKind.Skipped or StepExecutionKind.AlreadyDone, $"{step.Name}: {execution}");
        }
    }

    /// <summary>Runs one step (one platform of the build with <paramref name="platform"/>) and returns what its row journaled.</summary>
    public async Task<(StepExecution Execution, JsonObject? Outputs)> StepAsync(RunRecord run, string name, string? platform = null)
    {
        var execution = await _executor.RunAsync(run, name, new RunInvocation { Platform = platform }, TestContext.Current.CancellationToken);
        var row = (await Journal.StepsAsync(run.Id, TestContext.Current.CancellationToken)).FirstOrDefault(s => s.Name == execution.Step);
        return (execution, row?.Outputs);
    }

    public void Dispose() => Journal.Dispose();
}
