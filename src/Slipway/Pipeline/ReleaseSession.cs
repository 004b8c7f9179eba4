using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Pipeline.Steps;
using Slipway.State;
using Slipway.Versioning;

namespace Slipway.Pipeline;

/// <summary>
/// What the run commands do with a run: start or continue one (<c>release</c>), approve, reject, resume, roll back.
/// Each takes ownership of the run in the journal first, so two processes never drive one run.
/// </summary>
public sealed class ReleaseSession
{
    private readonly SlipwayConfig _config;
    private readonly IRunJournal _journal;
    private readonly RunServices _services;
    private readonly ReleaseRunner _runner;

    public ReleaseSession(SlipwayConfig config, IRunJournal journal, StepGraph graph, RunServices services, IRunObserver observer)
    {
        _config = config;
        _journal = journal;
        _services = services;
        _runner = new ReleaseRunner(graph, config, journal, services, observer);
    }

    /// <summary>
    /// Starts a run for the detected version, or continues the open one. Null when there is nothing to release and
    /// no open run. A live process driving the open run makes this fail with RunAlreadyActive.
    /// </summary>
    public async Task<RunOutcome?> ReleaseAsync(ReleaseInfo info, bool allowDirty, RunInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        var version = info.Version.ToString();
        var open = await _journal.FindOpenRunAsync(_config.Project.Name, version, cancellationToken);
        if (open is null && !info.ShouldRelease)
        {
            return null;
        }

        EnsureApproverBeforeStart(invocation);
        var options = new JsonObject { [PreflightStep.AllowDirtyOption] = allowDirty };
        var claim = await _journal.ClaimAsync(
            new NewRun(_config.Project.Name, version, info.Commit, ConfigurationHash.Of(_config), options),
            _services.Owner,
            cancellationToken);
        return claim.Created
            ? await DriveAsync(claim.Run, invocation, cancellationToken)
            : await ContinueAsync(claim.Run, info.Commit, force: false, invocation, cancellationToken);
    }

    public async Task<RunOutcome> ResumeAsync(string runId, string headCommit, bool force, RunInvocation invocation, CancellationToken cancellationToken)
    {
        EnsureApproverBeforeStart(invocation);
        var current = await _journal.FindRunAsync(runId, cancellationToken) ?? throw StateErrors.RunNotFound(runId);
        EnsureResumable(current);
        var run = await _journal.AcquireAsync(runId, _services.Owner, reopen: true, takeOver: force, cancellationToken);
        return await ContinueAsync(run, headCommit, force, invocation, cancellationToken);
    }

    public async Task<RunOutcome> ApproveAsync(string runId, string approver, RunInvocation invocation, CancellationToken cancellationToken)
    {
        var policy = ApproverPolicy.For(_config);
        var run = await _journal.AcquireAsync(runId, _services.Owner, reopen: false, cancellationToken: cancellationToken);
        try
        {
            if (run.Status != RunStatus.AwaitingApproval)
            {
                throw PipelineErrors.NotAwaitingApproval(run);
            }

            policy.EnsureMayApprove(approver);

            // The approver approves what was built, signed and scanned under the run's configuration; a slipway.toml
            // edited during the wait (other release tags, another remote, a laxer scan policy) needs a forced resume.
            if (run.ConfigHash != ConfigurationHash.Of(_config))
            {
                throw PipelineErrors.ApprovalInputsChanged(run, approver);
            }
        }
        catch
        {
            await _journal.ReleaseAsync(run.Id, _services.Owner, CancellationToken.None);
            throw;
        }

        await _journal.AppendEventAsync(run.Id, RunEventKinds.Approved, approver, StepNames.Approval, null, CancellationToken.None);
        return await DriveAsync(run, invocation, cancellationToken);
    }

    public async Task<RunOutcome> RejectAsync(string runId, string rejecter, string? reason, RunInvocation invocation)
    {
        var policy = ApproverPolicy.For(_config);
        var run = await _journal.AcquireAsync(runId, _services.Owner, reopen: false, cancellationToken: CancellationToken.None);
        try
        {
            if (run.Status != RunStatus.AwaitingApproval)
            {
                throw PipelineErrors.NotAwaitingApproval(run);
            }

            policy.EnsureMayApprove(rejecter);
            await _journal.AppendEventAsync(run.Id, RunEventKinds.Rejected, rejecter, StepNames.Approval, reason, CancellationToken.None);
            var detail = reason is null ? $"rejected by {rejecter}" : $"rejected by {rejecter}: {reason}";
            await _journal.SetStepStatusAsync(run.Id, StepNames.Approval, StepStatus.Failed, detail, CancellationToken.None);
            return await _runner.RollBackAsync(run, invocation, RunStatus.RolledBack, $"{detail}; what this run did was rolled back");
        }
        finally
        {
            await _journal.ReleaseAsync(run.Id, _services.Owner, CancellationToken.None);
        }
    }

    public async Task<RunOutcome> RollBackAsync(string runId, RunInvocation invocation)
    {
        var run = await _journal.AcquireAsync(runId, _services.Owner, reopen: false, cancellationToken: CancellationToken.None);
        try
        {
            if (!run.Open)
            {
                throw PipelineErrors.NothingToRollBack(run, $"it is {StatusNames.Of(run.Status)} and closed");
            }

            if (await _runner.PointOfNoReturnAsync(run.Id) is { } irreversible)
            {
                throw PipelineErrors.NothingToRollBack(run, $"'{irreversible}' made it public; finish it with 'slipway resume {run.Id}'");
            }

            return await _runner.RollBackAsync(run, invocation, RunStatus.RolledBack, null);
        }
        finally
        {
            await _journal.ReleaseAsync(run.Id, _services.Owner, CancellationToken.None);
        }
    }

    private static void EnsureResumable(RunRecord run)
    {
        switch (run.Status)
        {
            case RunStatus.Succeeded:
                throw PipelineErrors.NotResumable(run, "it is finished");
            case RunStatus.RolledBack:
                throw PipelineErrors.NotResumable(run, "it was rolled back; run 'slipway release' to start a new run");
            case RunStatus.CompensationFailed:
                throw PipelineErrors.NotResumable(run, $"its rollback is unfinished: run 'slipway rollback {run.Id}'");
        }
    }

    private void EnsureApproverBeforeStart(RunInvocation invocation)
    {
        // --yes on behalf of someone who may not approve must fail before anything runs, not at the approval step.
        if (invocation.PreApprovedBy is { } approver && _config.Approval.Required)
        {
            ApproverPolicy.For(_config).EnsureMayApprove(approver);
        }
    }

    private async Task<RunOutcome> ContinueAsync(RunRecord run, string headCommit, bool force, RunInvocation invocation, CancellationToken cancellationToken)
    {
        try
        {
            EnsureResumable(run);
            var steps = await _journal.StepsAsync(run.Id, cancellationToken);
            if (steps.Any(s => s.Status is StepStatus.Compensating or StepStatus.CompensationFailed))
            {
                // A rollback was interrupted (the process died while undoing): finish undoing, never redo.
                throw PipelineErrors.NotResumable(run, $"its rollback is unfinished: run 'slipway rollback {run.Id}'");
            }

            if (run.Status == RunStatus.AwaitingApproval && invocation.PreApprovedBy is null)
            {
                await _journal.ReleaseAsync(run.Id, _services.Owner, CancellationToken.None);
                return new RunOutcome(run, $"slipway approve {run.Id}");
            }

            var changed = new List<string>();
            if (run.ConfigHash != ConfigurationHash.Of(_config))
            {
                changed.Add("configuration");
            }

            if (run.Commit != headCommit)
            {
                changed.Add("commit");
            }

            if (changed.Count > 0 && !force)
            {
                throw PipelineErrors.InputsChanged(run, string.Join(" and ", changed));
            }

            await _journal.AppendEventAsync(
                run.Id,
                changed.Count > 0 ? RunEventKinds.ResumedForced : RunEventKinds.Resumed,
                null,
                null,
                changed.Count > 0 ? $"changed: {string.Join(", ", changed)}" : null,
                CancellationToken.None);
        }
        catch
        {
            await _journal.ReleaseAsync(run.Id, _services.Owner, CancellationToken.None);
            throw;
        }

        return await DriveAsync(run, invocation, cancellationToken);
    }

    private async Task<RunOutcome> DriveAsync(RunRecord run, RunInvocation invocation, CancellationToken cancellationToken)
    {
        try
        {
            return await _runner.ExecuteAsync(run, invocation, cancellationToken);
        }
        finally
        {
            await _journal.ReleaseAsync(run.Id, _services.Owner, CancellationToken.None);
        }
    }
}
