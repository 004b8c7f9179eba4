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

        // Before anything else: a part this step does not have (a platform no layout names) is bad input.
        var part = step.PartName(_config, invocation);
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

        // A part of the step (one platform of a per-platform build) is claimed and journaled as a row of its own, so
        // runners doing different parts never hold or write the same row; the step is done once every part is.
        if (part is not null)
        {
            return await RunPartAsync(step, part, run, invocation, cancellationToken);
        }

        return await RunRowAsync(step, stepName, run, invocation, cancellationToken);
    }

    private async Task<StepExecution> RunPartAsync(ReleaseStep step, string part, RunRecord run, RunInvocation invocation, CancellationToken cancellationToken)
    {
        var execution = await RunRowAsync(step, part, run, invocation, cancellationToken);
        if (execution.Kind is not (StepExecutionKind.Succeeded or StepExecutionKind.AlreadyDone)
            || step.CompletedByParts(_config, await _journal.StepsAsync(run.Id, CancellationToken.None)) is not { } outputs)
        {
            return execution with { Step = part };
        }

        // The last part done completes the step; of two runners finishing parts at once, the claim lets one record it.
        var claim = await _journal.TryClaimStepAsync(run.Id, step.Name, _services.Owner, Lease, CancellationToken.None);
        if (claim.Claimed)
        {
            try
            {
                await _journal.StepStartedAsync(run.Id, step.Name, _services.Owner, CancellationToken.None);
                await _journal.StepSucceededAsync(run.Id, step.Name, outputs, _services.Owner, CancellationToken.None);
                _observer.StepSucceeded(step.Name, TimeSpan.Zero);
            }
            finally
            {
                await _journal.ReleaseClaimAsync(run.Id, step.Name, _services.Owner, CancellationToken.None);
            }
        }

        return execution with { Step = part };
    }

    private async Task<StepExecution> RunRowAsync(ReleaseStep step, string row, RunRecord run, RunInvocation invocation, CancellationToken cancellationToken)
    {
        var stepName = row;
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
            return await ClaimedAsync(step, row, run, invocation, cancellationToken);
        }
        catch (SlipwayException lost) when (lost.Code == ErrorCode.StepClaimLost)
        {
            // The journal refused this runner's write: another runner took the step over, and journals its result.
            _observer.StepMessage(row, lost.Message);
            var holder = (await _journal.StepsAsync(run.Id, CancellationToken.None)).FirstOrDefault(s => s.Name == row)?.Lease;
            return holder is null ? new StepExecution(row, StepExecutionKind.NotReady, null, []) : StepExecution.Held(row, holder);
        }
        finally
        {
            // A result journaled ended the claim already; this covers a journal write that failed on the way.
            await _journal.ReleaseClaimAsync(run.Id, stepName, _services.Owner, CancellationToken.None);
        }
    }

    internal StepContext ContextFor(string stepName, RunRecord run, RunInvocation invocation) =>
        new(stepName, run, _config, _journal, _services, invocation, _observer);

    private async Task<StepExecution> ClaimedAsync(ReleaseStep step, string row, RunRecord run, RunInvocation invocation, CancellationToken cancellationToken)
    {
        var condition = step.Condition(_config);
        if (!condition.Enabled)
        {
            var reason = condition.SkipReason ?? $"not {condition.Text}";
            await _journal.StepSkippedAsync(run.Id, row, reason, _services.Owner, CancellationToken.None);
            _observer.StepSkipped(row, reason);
            return new StepExecution(row, StepExecutionKind.Skipped);
        }

        var attempt = await _journal.StepStartedAsync(run.Id, row, _services.Owner, CancellationToken.None);
        _observer.StepStarted(row, attempt);
        var clock = Stopwatch.StartNew();
        StepResult result;
        using (var heartbeat = new CancellationTokenSource())
        {
            var beating = HeartbeatAsync(run.Id, row, heartbeat.Token);
            try
            {
                result = await step.ExecuteAsync(ContextFor(row, run, invocation), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await StopAsync(heartbeat, beating);
                if (await LostAsync(run, row) is { } lostOnCancel)
                {
                    return lostOnCancel;
                }

                await _journal.SetStepStatusAsync(run.Id, row, StepStatus.Failed, "cancelled", _services.Owner, CancellationToken.None);
                _observer.StepFailed(row, "cancelled");
                return new StepExecution(row, StepExecutionKind.Cancelled, "cancelled");
            }
#pragma warning disable CA1031 // Do not catch general exception types: any step failure is journaled and handled by the run (rollback or resume).
            catch (Exception e)
#pragma warning restore CA1031
            {
                await StopAsync(heartbeat, beating);
                if (await LostAsync(run, row) is { } lostOnFailure)
                {
                    return lostOnFailure;
                }

                var message = e is SlipwayException slipway
                    ? $"{slipway.CodeText}: {slipway.Message}{(slipway.Hint is null ? string.Empty : $" ({slipway.Hint})")}"
                    : e.ToString();
                message = _services.Redactor.Redact(message);
                await _journal.SetStepStatusAsync(run.Id, row, StepStatus.Failed, message, _services.Owner, CancellationToken.None);
                await _journal.AppendEventAsync(run.Id, RunEventKinds.StepFailed, null, row, message, CancellationToken.None);
                _observer.StepFailed(row, message);
                return new StepExecution(row, StepExecutionKind.Failed, message) { BadInput = e is SlipwayException { Kind: ErrorKind.Input } };
            }

            await StopAsync(heartbeat, beating);
        }

        if (await LostAsync(run, row) is { } lost)
        {
            return lost;
        }

        if (result.AwaitingApproval)
        {
            await _journal.SetStepStatusAsync(run.Id, row, StepStatus.AwaitingApproval, null, _services.Owner, CancellationToken.None);
            _observer.StepAwaitingApproval(row);
            return new StepExecution(row, StepExecutionKind.AwaitingApproval);
        }

        _crash.AfterSideEffect(row);
        await _journal.StepSucceededAsync(run.Id, row, result.Outputs, _services.Owner, CancellationToken.None);
        _observer.StepSucceeded(row, clock.Elapsed);
        _crash.AfterRecorded(row);
        return new StepExecution(row, StepExecutionKind.Succeeded);
    }

    /// <summary>
    /// Null while this runner still holds the step. A runner whose lease ran out while it worked (stalled, suspended)
    /// leaves the result, success or failure, to the runner that took the step over: the step may have run twice
    /// (idempotently), but only one journals it.
    /// </summary>
    private async Task<StepExecution?> LostAsync(RunRecord run, string row)
    {
        if (await _journal.RenewClaimAsync(run.Id, row, _services.Owner, Lease, CancellationToken.None))
        {
            return null;
        }

        var holder = (await _journal.StepsAsync(run.Id, CancellationToken.None)).FirstOrDefault(s => s.Name == row)?.Lease;
        _observer.StepMessage(row, "its lease ran out and another runner took it over; that runner journals the result");
        return holder is null ? new StepExecution(row, StepExecutionKind.NotReady, null, []) : StepExecution.Held(row, holder);
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
