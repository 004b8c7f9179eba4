using System.Text.Json.Nodes;
using Slipway.Forges;
using Slipway.State;

namespace Slipway.Pipeline;

public sealed partial class ReleaseRunner
{
    /// <summary>
    /// Rolls back what this run did: every compensable step it started and has not compensated yet, the latest
    /// started first. Stops at the first compensation that fails (an earlier step's undo may depend on it), leaving
    /// the run compensation-failed for <c>slipway rollback</c>. Ctrl+C does not interrupt a rollback.
    /// </summary>
    public async Task<RunOutcome> RollBackAsync(RunRecord run, RunInvocation invocation, RunStatus whenDone, string? instruction)
    {
        ArgumentNullException.ThrowIfNull(run);
        var steps = await _journal.StepsAsync(run.Id, CancellationToken.None);
        var toUndo = steps
            .Where(s => _graph.Contains(s.Name) && _graph[s.Name].CanCompensate)
            .Where(s => s.Status is StepStatus.Succeeded or StepStatus.Running or StepStatus.Failed or StepStatus.Compensating or StepStatus.CompensationFailed)
            .OrderByDescending(s => s.Sequence)
            .ToList();
        foreach (var record in toUndo)
        {
            var step = _graph[record.Name];
            await _journal.SetStepStatusAsync(run.Id, step.Name, StepStatus.Compensating, null, CancellationToken.None);
            await _journal.AppendEventAsync(run.Id, RunEventKinds.CompensationStarted, null, step.Name, null, CancellationToken.None);
            _observer.Compensating(step.Name);
            try
            {
                await step.CompensateAsync(ContextFor(step.Name, run, invocation), record.Outputs ?? [], CancellationToken.None);
            }
#pragma warning disable CA1031 // Do not catch general exception types: a failed undo (a 401/403, anything) must leave the run open, not crash it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var message = _services.Redactor.Redact(e is Diagnostics.SlipwayException s ? $"{s.CodeText}: {s.Message}" : e.Message);
                await _journal.SetStepStatusAsync(run.Id, step.Name, StepStatus.CompensationFailed, message, CancellationToken.None);
                await _journal.AppendEventAsync(run.Id, RunEventKinds.CompensationFailed, null, step.Name, message, CancellationToken.None);
                await _journal.SetRunStatusAsync(run.Id, RunStatus.CompensationFailed, open: true, CancellationToken.None);
                _observer.CompensationFailed(step.Name, message);
                return await OutcomeAsync(
                    run.Id,
                    $"rolling back '{step.Name}' failed; fix the cause (credentials?) and run 'slipway rollback {run.Id}'",
                    message);
            }

            if (record.Outputs is { Count: > 0 } undone)
            {
                var marked = (JsonObject)undone.DeepClone();
                marked[StepContext.CompensatedKey] = true;
                await _journal.SaveProgressAsync(run.Id, step.Name, marked, CancellationToken.None);
            }

            await _journal.SetStepStatusAsync(run.Id, step.Name, StepStatus.Compensated, null, CancellationToken.None);
            await _journal.AppendEventAsync(run.Id, RunEventKinds.Compensated, null, step.Name, null, CancellationToken.None);
            _observer.Compensated(step.Name);
        }

        await _journal.SetRunStatusAsync(run.Id, whenDone, open: false, CancellationToken.None);
        return await OutcomeAsync(run.Id, instruction);
    }

    /// <summary>
    /// The step past which nothing is rolled back, from journaled progress: an irreversible step that succeeded, that
    /// was left started (it may have gone public before the crash), or that journaled progress of its effect before it
    /// failed (one package of several published), in this run.
    /// </summary>
    public async Task<string?> PointOfNoReturnAsync(string runId)
    {
        var steps = await _journal.StepsAsync(runId, CancellationToken.None);
        return steps.FirstOrDefault(s =>
            _graph.Contains(s.Name) && _graph[s.Name].Irreversible
            && (s.Status is StepStatus.Succeeded or StepStatus.Running || (s.Status == StepStatus.Failed && HasProgress(s))))?.Name;
    }

    private static bool HasProgress(StepRecord step) =>
        step.Outputs is { Count: > 0 } outputs && outputs[StepContext.CompensatedKey]?.GetValue<bool>() != true;

    private async Task<RunOutcome> FailedAsync(RunRecord run, RunInvocation invocation, StepExecution failure)
    {
        var irreversible = await PointOfNoReturnAsync(run.Id);
        if (irreversible is not null)
        {
            await _journal.SetRunStatusAsync(run.Id, RunStatus.Failed, open: true, CancellationToken.None);
            var issue = await ReportUnfinishedAsync(new UnfinishedRelease(run.Version, run.Id, failure.Step, irreversible, failure.Message), failure.Step);
            return await OutcomeAsync(
                run.Id,
                $"'{failure.Step}' failed after '{irreversible}' made the release public, so nothing was rolled back; fix the cause and run 'slipway resume {run.Id}'"
                    + (issue is null ? string.Empty : $" (tracking issue #{issue.Number}: {issue.Location})"),
                failure.Message) with { BadInput = failure.BadInput };
        }

        if (invocation.NoRollback)
        {
            await _journal.SetRunStatusAsync(run.Id, RunStatus.Failed, open: true, CancellationToken.None);
            return await OutcomeAsync(
                run.Id,
                $"'{failure.Step}' failed and --no-rollback left everything in place; run 'slipway resume {run.Id}' or 'slipway rollback {run.Id}'",
                failure.Message) with { BadInput = failure.BadInput };
        }

        var outcome = await RollBackAsync(
            run,
            invocation,
            RunStatus.Failed,
            $"'{failure.Step}' failed; what this run did was rolled back. Fix the cause and run 'slipway resume {run.Id}' or 'slipway release'");
        return outcome with { Failure = outcome.Failure ?? failure.Message, BadInput = failure.BadInput };
    }

    /// <summary>
    /// Opens (or comments on) the forge's tracking issue of the unfinished release. Its failure is a warning: the
    /// run's own error is what the maintainer must see, and the resume command is printed either way.
    /// </summary>
    private async Task<ForgeIssue?> ReportUnfinishedAsync(UnfinishedRelease release, string stepName)
    {
        try
        {
            using var forge = ReleaseComposition.Ports(_config).Forge(_services);
            var issue = await forge.ReportUnfinishedAsync(release, CancellationToken.None);
            if (issue is not null)
            {
                await _journal.AppendEventAsync(release.RunId, RunEventKinds.TrackingIssue, null, stepName, issue.Location, CancellationToken.None);
            }

            return issue;
        }
#pragma warning disable CA1031 // Do not catch general exception types: no failure to report may mask the run's own error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = _services.Redactor.Redact(e is Diagnostics.SlipwayException s ? $"{s.CodeText}: {s.Message}" : e.Message);
            _observer.StepMessage(stepName, $"warning: the tracking issue of release {release.Version} could not be opened: {message}");
            return null;
        }
    }

    private async Task<RunOutcome> CancelledAsync(RunRecord run, RunInvocation invocation)
    {
        await _journal.AppendEventAsync(run.Id, RunEventKinds.Cancelled, null, null, null, CancellationToken.None);
        var irreversible = await PointOfNoReturnAsync(run.Id);
        if (irreversible is not null || invocation.NoRollback)
        {
            await _journal.SetRunStatusAsync(run.Id, RunStatus.Cancelled, open: true, CancellationToken.None);
            return await OutcomeAsync(run.Id, $"cancelled; nothing was rolled back; run 'slipway resume {run.Id}' to continue");
        }

        return await RollBackAsync(run, invocation, RunStatus.Cancelled, "cancelled; what this run did was rolled back");
    }
}
