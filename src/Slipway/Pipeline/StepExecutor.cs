using System.Diagnostics;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>
/// Runs one named step of a run, in whatever process on whatever machine reaches the journal: claims it with a lease,
/// evaluates its condition, executes it while a heartbeat renews the lease (every third of it), and journals the
/// result. Nothing is taken from process memory: the run, its steps and their outputs come from the journal.
/// </summary>
public sealed class StepExecutor
{
    private readonly StepGraph _graph;
    private readonly SlipwayConfig _config;
    private readonly IRunJournal _journal;
    private readonly RunServices _services;
    private readonly IRunObserver _observer;
    private readonly CrashInjection _crash;

    public StepExecutor(StepGraph graph, SlipwayConfig config, IRunJournal journal, RunServices services, IRunObserver observer)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(services);
        _graph = graph;
        _config = config;
        _journal = journal;
        _services = services;
        _observer = observer;
        _crash = new CrashInjection(services.Environment);
        Lease = config.State.Lease;
    }

    public TimeSpan Lease { get; }

    public async Task<StepExecution> RunAsync(RunRecord run, string stepName, RunInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(invocation);
        ConfiguredSecrets.Register(_config, _services.Environment, _services.Redactor);
        var step = _graph[stepName];
        var plan = Planner.Plan(_graph, await _journal.StepsAsync(run.Id, CancellationToken.None), _services.Time.GetUtcNow())[stepName];
        switch (plan.State)
        {
            case StepState.Done:
                return new StepExecution(stepName, StepExecutionKind.AlreadyDone);
            case StepState.Blocked:
                return StepExecution.NotReady(stepName, plan.BlockedBy);
            case StepState.Running when plan.Lease is { } lease && lease.Token != _services.Owner.Token:
                return StepExecution.Held(stepName, lease);
            case StepState.RollingBack:
                return new StepExecution(stepName, StepExecutionKind.RollingBack);
        }

        var claim = await _journal.TryClaimStepAsync(run.Id, stepName, _services.Owner, Lease, CancellationToken.None);
        if (!claim.Claimed)
        {
            return claim switch
            {
                { HeldBy: { } holder } => StepExecution.Held(stepName, holder),
                { Status: StepStatus.Succeeded or StepStatus.Skipped } => new StepExecution(stepName, StepExecutionKind.AlreadyDone),
                _ => new StepExecution(stepName, StepExecutionKind.RollingBack),
            };
        }

        try
        {
            return await ClaimedAsync(step, run, invocation, cancellationToken);
        }
        finally
        {
            // A result journaled ended the claim already; this covers a journal write that failed on the way.
            await _journal.ReleaseClaimAsync(run.Id, stepName, _services.Owner, CancellationToken.None);
        }
    }

    internal StepContext ContextFor(string stepName, RunRecord run, RunInvocation invocation) =>
        new(stepName, run, _config, _journal, _services, invocation, _observer);

    private async Task<StepExecution> ClaimedAsync(ReleaseStep step, RunRecord run, RunInvocation invocation, CancellationToken cancellationToken)
    {
        var condition = step.Condition(_config);
        if (!condition.Enabled)
        {
            var reason = condition.SkipReason ?? $"not {condition.Text}";
            await _journal.StepSkippedAsync(run.Id, step.Name, reason, CancellationToken.None);
            _observer.StepSkipped(step.Name, reason);
            return new StepExecution(step.Name, StepExecutionKind.Skipped);
        }

        var attempt = await _journal.StepStartedAsync(run.Id, step.Name, CancellationToken.None);
        _observer.StepStarted(step.Name, attempt);
        var clock = Stopwatch.StartNew();
        StepResult result;
        using (var heartbeat = new CancellationTokenSource())
        {
            var beating = HeartbeatAsync(run.Id, step.Name, heartbeat.Token);
            try
            {
                result = await step.ExecuteAsync(ContextFor(step.Name, run, invocation), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await StopAsync(heartbeat, beating);
                if (await LostAsync(run, step) is { } lostOnCancel)
                {
                    return lostOnCancel;
                }

                await _journal.SetStepStatusAsync(run.Id, step.Name, StepStatus.Failed, "cancelled", CancellationToken.None);
                _observer.StepFailed(step.Name, "cancelled");
                return new StepExecution(step.Name, StepExecutionKind.Cancelled, "cancelled");
            }
#pragma warning disable CA1031 // Do not catch general exception types: any step failure is journaled and handled by the run (rollback or resume).
            catch (Exception e)
#pragma warning restore CA1031
            {
                await StopAsync(heartbeat, beating);
                if (await LostAsync(run, step) is { } lostOnFailure)
                {
                    return lostOnFailure;
                }

                var message = e is SlipwayException slipway
                    ? $"{slipway.CodeText}: {slipway.Message}{(slipway.Hint is null ? string.Empty : $" ({slipway.Hint})")}"
                    : e.ToString();
                message = _services.Redactor.Redact(message);
                await _journal.SetStepStatusAsync(run.Id, step.Name, StepStatus.Failed, message, CancellationToken.None);
                await _journal.AppendEventAsync(run.Id, RunEventKinds.StepFailed, null, step.Name, message, CancellationToken.None);
                _observer.StepFailed(step.Name, message);
                return new StepExecution(step.Name, StepExecutionKind.Failed, message);
            }

            await StopAsync(heartbeat, beating);
        }

        if (await LostAsync(run, step) is { } lost)
        {
            return lost;
        }

        if (result.AwaitingApproval)
        {
            await _journal.SetStepStatusAsync(run.Id, step.Name, StepStatus.AwaitingApproval, null, CancellationToken.None);
            _observer.StepAwaitingApproval(step.Name);
            return new StepExecution(step.Name, StepExecutionKind.AwaitingApproval);
        }

        _crash.AfterSideEffect(step.Name);
        await _journal.StepSucceededAsync(run.Id, step.Name, result.Outputs, CancellationToken.None);
        _observer.StepSucceeded(step.Name, clock.Elapsed);
        _crash.AfterRecorded(step.Name);
        return new StepExecution(step.Name, StepExecutionKind.Succeeded);
    }

    /// <summary>
    /// Null while this runner still holds the step. A runner whose lease ran out while it worked (stalled, suspended)
    /// leaves the result, success or failure, to the runner that took the step over: the step may have run twice
    /// (idempotently), but only one journals it.
    /// </summary>
    private async Task<StepExecution?> LostAsync(RunRecord run, ReleaseStep step)
    {
        if (await _journal.RenewClaimAsync(run.Id, step.Name, _services.Owner, Lease, CancellationToken.None))
        {
            return null;
        }

        var holder = (await _journal.StepsAsync(run.Id, CancellationToken.None)).FirstOrDefault(s => s.Name == step.Name)?.Lease;
        _observer.StepMessage(step.Name, "its lease ran out and another runner took it over; that runner journals the result");
        return holder is null ? new StepExecution(step.Name, StepExecutionKind.NotReady, null, []) : StepExecution.Held(step.Name, holder);
    }

    private static async Task StopAsync(CancellationTokenSource heartbeat, Task beating)
    {
        await heartbeat.CancelAsync();
        await beating;
    }

    private async Task HeartbeatAsync(string runId, string stepName, CancellationToken stop)
    {
        var interval = Lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _services.Time, stop);
                if (!await _journal.RenewClaimAsync(runId, stepName, _services.Owner, Lease, stop))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Do not catch general exception types: a journal unreachable for a beat must not fail the step; the lease says what happened.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _observer.StepMessage(stepName, _services.Redactor.Redact($"could not renew its lease: {(e is SlipwayException s ? s.Message : e.Message)}"));
        }
    }
}
