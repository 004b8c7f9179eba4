using System.Diagnostics;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>
/// Drives a run through its step graph from the journal: steps already succeeded or skipped are not run again, a
/// step found started runs its idempotent execution again, independent steps run in parallel up to a bound. A
/// failure before the point of no return rolls back what this run did, later steps first; after it, the run stays
/// failed and resumable.
/// </summary>
public sealed partial class ReleaseRunner
{
    private readonly StepGraph _graph;
    private readonly SlipwayConfig _config;
    private readonly IRunJournal _journal;
    private readonly RunServices _services;
    private readonly IRunObserver _observer;
    private readonly CrashInjection _crash;

    public ReleaseRunner(StepGraph graph, SlipwayConfig config, IRunJournal journal, RunServices services, IRunObserver observer)
    {
        ArgumentNullException.ThrowIfNull(services);
        _graph = graph;
        _config = config;
        _journal = journal;
        _services = services;
        _observer = observer;
        _crash = new CrashInjection(services.Environment);
    }

    /// <summary>Runs every step not yet done. The caller owns the run (see <see cref="IRunJournal.AcquireAsync"/>).</summary>
    public async Task<RunOutcome> ExecuteAsync(RunRecord run, RunInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(invocation);
        ConfiguredSecrets.Register(_config, _services.Environment, _services.Redactor);
        await _journal.SetRunStatusAsync(run.Id, RunStatus.Running, open: true, CancellationToken.None);
        var records = (await _journal.StepsAsync(run.Id, CancellationToken.None)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(
            records.Values.Where(s => s.Status is StepStatus.Succeeded or StepStatus.Skipped).Select(s => s.Name),
            StringComparer.Ordinal);
        var waiting = _graph.Order.Where(s => !done.Contains(s.Name)).ToList();
        var running = new Dictionary<Task<StepRun>, ReleaseStep>();
        var stop = false;
        StepRun? failure = null;
        StepRun? awaiting = null;
        var parallelism = Math.Max(1, invocation.MaxParallelism);

        while (true)
        {
            if (!stop && !cancellationToken.IsCancellationRequested)
            {
                foreach (var step in waiting.ToList())
                {
                    if (running.Count >= parallelism)
                    {
                        break;
                    }

                    if (step.DependsOn.All(done.Contains))
                    {
                        waiting.Remove(step);
                        running.Add(RunStepAsync(step, run, invocation, cancellationToken), step);
                    }
                }
            }

            if (running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(running.Keys);
            running.Remove(finished);
            var result = await finished;
            switch (result.Kind)
            {
                case StepRunKind.Succeeded or StepRunKind.Skipped:
                    done.Add(result.Step);
                    break;
                case StepRunKind.AwaitingApproval:
                    awaiting ??= result;
                    stop = true;
                    break;
                default:
                    failure ??= result;
                    stop = true;
                    break;
            }
        }

        if (cancellationToken.IsCancellationRequested || failure?.Kind == StepRunKind.Cancelled)
        {
            return await CancelledAsync(run, invocation);
        }

        if (failure is not null)
        {
            return await FailedAsync(run, invocation, failure);
        }

        if (awaiting is not null)
        {
            await _journal.SetRunStatusAsync(run.Id, RunStatus.AwaitingApproval, open: true, CancellationToken.None);
            return await OutcomeAsync(run.Id, $"slipway approve {run.Id}");
        }

        await _journal.SetRunStatusAsync(run.Id, RunStatus.Succeeded, open: false, CancellationToken.None);
        return await OutcomeAsync(run.Id, null);
    }

    internal StepContext ContextFor(string stepName, RunRecord run, RunInvocation invocation) =>
        new(stepName, run, _config, _journal, _services, invocation, _observer);

    private async Task<StepRun> RunStepAsync(ReleaseStep step, RunRecord run, RunInvocation invocation, CancellationToken cancellationToken)
    {
        // Let the loop start sibling steps before this one does any work.
        await Task.Yield();
        var condition = step.Condition(_config);
        if (!condition.Enabled)
        {
            var reason = condition.SkipReason ?? $"not {condition.Text}";
            await _journal.StepSkippedAsync(run.Id, step.Name, reason, CancellationToken.None);
            _observer.StepSkipped(step.Name, reason);
            return new StepRun(step.Name, StepRunKind.Skipped, null);
        }

        var attempt = await _journal.StepStartedAsync(run.Id, step.Name, CancellationToken.None);
        _observer.StepStarted(step.Name, attempt);
        var clock = Stopwatch.StartNew();
        StepResult result;
        try
        {
            result = await step.ExecuteAsync(ContextFor(step.Name, run, invocation), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _journal.SetStepStatusAsync(run.Id, step.Name, StepStatus.Failed, "cancelled", CancellationToken.None);
            _observer.StepFailed(step.Name, "cancelled");
            return new StepRun(step.Name, StepRunKind.Cancelled, "cancelled");
        }
#pragma warning disable CA1031 // Do not catch general exception types: any step failure is journaled and handled by the run (rollback or resume).
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = e is SlipwayException slipway
                ? $"{slipway.CodeText}: {slipway.Message}{(slipway.Hint is null ? string.Empty : $" ({slipway.Hint})")}"
                : e.ToString();
            message = _services.Redactor.Redact(message);
            await _journal.SetStepStatusAsync(run.Id, step.Name, StepStatus.Failed, message, CancellationToken.None);
            await _journal.AppendEventAsync(run.Id, RunEventKinds.StepFailed, null, step.Name, message, CancellationToken.None);
            _observer.StepFailed(step.Name, message);
            return new StepRun(step.Name, StepRunKind.Failed, message);
        }

        if (result.AwaitingApproval)
        {
            await _journal.SetStepStatusAsync(run.Id, step.Name, StepStatus.AwaitingApproval, null, CancellationToken.None);
            _observer.StepAwaitingApproval(step.Name);
            return new StepRun(step.Name, StepRunKind.AwaitingApproval, null);
        }

        _crash.AfterSideEffect(step.Name);
        await _journal.StepSucceededAsync(run.Id, step.Name, result.Outputs, CancellationToken.None);
        _observer.StepSucceeded(step.Name, clock.Elapsed);
        _crash.AfterRecorded(step.Name);
        return new StepRun(step.Name, StepRunKind.Succeeded, null);
    }

    private async Task<RunOutcome> OutcomeAsync(string runId, string? instruction, string? failure = null)
    {
        var run = await _journal.FindRunAsync(runId, CancellationToken.None) ?? throw StateErrors.RunNotFound(runId);
        return new RunOutcome(run, instruction, failure);
    }

    private enum StepRunKind
    {
        Succeeded,
        Skipped,
        Failed,
        Cancelled,
        AwaitingApproval,
    }

    private sealed record StepRun(string Step, StepRunKind Kind, string? Message);
}
