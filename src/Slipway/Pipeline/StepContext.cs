using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Pipeline.Outputs;
using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>What a step runs with: the run, the configuration, the journal (for its inputs), and this process's services.</summary>
public sealed class StepContext
{
    private readonly IRunObserver _observer;

    internal StepContext(string stepName, RunRecord run, SlipwayConfig config, IRunJournal journal, RunServices services, RunInvocation invocation, IRunObserver observer)
    {
        StepName = stepName;
        Run = run;
        Config = config;
        Journal = journal;
        Services = services;
        Invocation = invocation;
        _observer = observer;
    }

    public string StepName { get; }

    public RunRecord Run { get; }

    public SlipwayConfig Config { get; }

    public IRunJournal Journal { get; }

    public RunServices Services { get; }

    public RunInvocation Invocation { get; }

    /// <summary>Where this run keeps its files (logs): <c>.slipway/runs/RUN</c> beside the configuration.</summary>
    public string RunDirectory => Path.Combine(Config.RootDirectory, ".slipway", "runs", Run.Id);

    /// <summary>The typed outputs of a step this one depends on; it must have succeeded in this run.</summary>
    public async Task<T> OutputOfAsync<T>(string stepName, CancellationToken cancellationToken = default)
        where T : IStepOutput<T> =>
        StepOutputJson.Read<T>(await OutputsOfAsync(stepName, cancellationToken), stepName);

    /// <summary>The typed outputs of <paramref name="stepName"/>, or null when it has not succeeded in this run (skipped, say).</summary>
    public async Task<T?> TryOutputOfAsync<T>(string stepName, CancellationToken cancellationToken = default)
        where T : class, IStepOutput<T> =>
        await TryOutputsOfAsync(stepName, cancellationToken) is { } outputs ? StepOutputJson.Read<T>(outputs, stepName) : null;

    /// <summary>What this step journaled in an earlier attempt, typed (see <see cref="OwnProgressAsync(CancellationToken)"/>).</summary>
    public async Task<T?> OwnProgressAsync<T>(CancellationToken cancellationToken = default)
        where T : class, IStepOutput<T> =>
        await OwnProgressAsync(cancellationToken) is { } outputs ? StepOutputJson.Read<T>(outputs, StepName) : null;

    /// <summary>Journals what the step did so far, typed (see <see cref="SaveProgressAsync(JsonObject, CancellationToken)"/>).</summary>
    public Task SaveProgressAsync<T>(T progress, CancellationToken cancellationToken = default)
        where T : IStepOutput<T> =>
        SaveProgressAsync(StepOutputJson.Write(progress), cancellationToken);

    /// <summary>The journaled outputs of a step this one depends on, as the journal holds them.</summary>
    public async Task<JsonObject> OutputsOfAsync(string stepName, CancellationToken cancellationToken = default)
    {
        var steps = await Journal.StepsAsync(Run.Id, cancellationToken);
        var step = steps.FirstOrDefault(s => s.Name == stepName && s.Status == StepStatus.Succeeded)
            ?? throw PipelineErrors.MissingInput(StepName, stepName);
        return step.Outputs ?? [];
    }

    /// <summary>True when the journal holds outputs of <paramref name="stepName"/> for this run.</summary>
    public async Task<JsonObject?> TryOutputsOfAsync(string stepName, CancellationToken cancellationToken = default)
    {
        var steps = await Journal.StepsAsync(Run.Id, cancellationToken);
        return steps.FirstOrDefault(s => s.Name == stepName && s.Status == StepStatus.Succeeded)?.Outputs;
    }

    /// <summary>
    /// What this step journaled in an earlier attempt (progress or outputs), so a re-run keeps what it recorded then;
    /// null when there is none or when that attempt was rolled back (its outputs then carry <see cref="CompensatedKey"/>).
    /// </summary>
    public async Task<JsonObject?> OwnProgressAsync(CancellationToken cancellationToken = default)
    {
        var steps = await Journal.StepsAsync(Run.Id, cancellationToken);
        var outputs = steps.FirstOrDefault(s => s.Name == StepName)?.Outputs;
        return outputs?[CompensatedKey]?.GetValue<bool>() == true ? null : outputs;
    }

    /// <summary>Marks a step's journaled outputs once its effects were rolled back: the record stays, a re-run starts afresh.</summary>
    public const string CompensatedKey = "compensated";

    /// <summary>
    /// Journals what the step did so far, so a failure part-way can still be compensated precisely; refused
    /// (StepClaimLost) once another runner took the step over, which stops this runner before its next effect.
    /// </summary>
    public Task SaveProgressAsync(JsonObject outputs, CancellationToken cancellationToken = default) =>
        Journal.SaveProgressAsync(Run.Id, StepName, outputs, Services.Owner, cancellationToken);

    /// <summary>
    /// A free-text field of an output (a reason, a summary) with every secret masked. The journal stores outputs as
    /// written, since masking inside a structured value (a digest, a tag) would corrupt it.
    /// </summary>
    public string FreeText(string text) => Services.Redactor.Redact(text);

    public void Report(string message) => _observer.StepMessage(StepName, Services.Redactor.Redact(message));
}
