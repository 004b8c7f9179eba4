using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Forges.GitHub;
using Slipway.Pipeline.Steps;
using Slipway.State;
using Slipway.Versioning;

namespace Slipway.Pipeline;

/// <summary>
/// What the run commands do with a run: create one, start or continue one (<c>release</c>), run one step, approve,
/// reject, resume, roll back. No process owns a run: each step is claimed with a lease, so several processes (one per
/// CI job) may work on one run, and a step another runner holds under a live lease is never run beside it.
/// </summary>
public sealed class ReleaseSession
{
    private readonly SlipwayConfig _config;
    private readonly IRunJournal _journal;
    private readonly StepGraph _graph;
    private readonly RunServices _services;
    private readonly ReleaseRunner _runner;

    public ReleaseSession(SlipwayConfig config, IRunJournal journal, StepGraph graph, RunServices services, IRunObserver observer)
    {
        _config = config;
        _journal = journal;
        _graph = graph;
        _services = services;
        _runner = new ReleaseRunner(graph, config, journal, services, observer);
    }

    /// <summary>
    /// Starts a run for the detected version, or continues the open one (beside any other runner working on it).
    /// Null when there is nothing to release and no open run.
    /// </summary>
    public async Task<RunOutcome?> ReleaseAsync(ReleaseInfo info, bool allowDirty, RunInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        var start = await StartAsync(info, allowDirty, invocation, cancellationToken);
        if (start is null)
        {
            return null;
        }

        return start.Created
            ? await DriveAsync(start.Run, invocation, cancellationToken)
            : await ContinueAsync(start.Run, info.Commit, force: false, invocation, cancellationToken);
    }

    /// <summary>Creates the run of the detected version (every step pending) without running anything, or finds the open one.</summary>
    public async Task<RunStart?> CreateAsync(ReleaseInfo info, bool allowDirty, RunInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        var start = await StartAsync(info, allowDirty, invocation, cancellationToken, [.. _graph.Order.Select(s => s.Name)]);
        if (start is not null)
        {
            await PreApproveAsync(start.Run, invocation);
        }

        return start;
    }

    public async Task<RunOutcome> ResumeAsync(string runId, string headCommit, bool force, RunInvocation invocation, CancellationToken cancellationToken)
    {
        await EnsureApproverBeforeStartAsync(invocation, cancellationToken);
        var current = await _journal.FindRunAsync(runId, cancellationToken) ?? throw StateErrors.RunNotFound(runId);
        EnsureResumable(current);

        // --force overrides changed inputs, never a live lease: two runners would then push and sign two images of one run.
        await EnsureNoLiveClaimsAsync(current, "resuming");
        var run = await _journal.ReopenAsync(runId, cancellationToken);
        return await ContinueAsync(run, headCommit, force, invocation, cancellationToken);
    }

    /// <summary>
    /// Journals the approval of a paused run by <paramref name="approver"/>; with <paramref name="continueRun"/> this
    /// process then runs the rest of the release, else the runners that wait in the approval step (CI jobs) do.
    /// </summary>
    public async Task<RunOutcome> ApproveAsync(string runId, string approver, RunInvocation invocation, CancellationToken cancellationToken, bool continueRun = true)
    {
        var policy = ApproverPolicy.For(_config);
        var run = await _journal.FindRunAsync(runId, cancellationToken) ?? throw StateErrors.RunNotFound(runId);
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

        var witness = await WitnessAsync(approver, cancellationToken);
        await RecordApprovalAsync(run, witness?.Login ?? approver, witness?.Detail);
        return continueRun
            ? await DriveAsync(run, invocation, cancellationToken)
            : new RunOutcome(run, $"slipway step approval --run {run.Id}");
    }

    // Two 'slipway approve' (or one and the page) at once: the journal records one decision, the other is refused.
    private async Task RecordApprovalAsync(RunRecord run, string approver, string? detail)
    {
        if (_journal is not IRunCatalog catalog)
        {
            await _journal.AppendEventAsync(run.Id, RunEventKinds.Approved, approver, StepNames.Approval, detail, CancellationToken.None);
            return;
        }

        var decision = await catalog.DecideAsync(run.Id, StepNames.Approval, RunEventKinds.Approved, approver, detail, ConfigurationHash.Of(_config), CancellationToken.None);
        switch (decision.Outcome)
        {
            case RunDecisionOutcome.NotFound:
                throw StateErrors.RunNotFound(run.Id);
            case RunDecisionOutcome.AlreadyDecided:
                throw PipelineErrors.AlreadyDecided(run.Id, decision.Earlier!.Kind, decision.Earlier.Actor);
            case RunDecisionOutcome.NotAwaitingApproval:
                throw PipelineErrors.NotAwaitingApproval(decision.Run!);
            case RunDecisionOutcome.ConfigurationChanged:
                throw PipelineErrors.ApprovalInputsChanged(decision.Run!, approver);
        }
    }

    /// <summary>Fails the approval for <paramref name="rejecter"/>, who must be an approver, and rolls back what the run did.</summary>
    public async Task<RunOutcome> RejectAsync(string runId, string rejecter, string? reason, RunInvocation invocation)
    {
        var policy = ApproverPolicy.For(_config);
        var run = await _journal.FindRunAsync(runId, CancellationToken.None) ?? throw StateErrors.RunNotFound(runId);
        if (run.Status != RunStatus.AwaitingApproval)
        {
            throw PipelineErrors.NotAwaitingApproval(run);
        }

        if (string.IsNullOrWhiteSpace(rejecter))
        {
            throw PipelineErrors.ApproverMissing("slipway reject");
        }

        policy.EnsureMayApprove(rejecter);
        ActionsApprovalCheck.For(_config, _services.Environment)?.VerifyActor(rejecter);
        await EnsureNoLiveClaimsAsync(run, "rolling back");
        RegisterSecrets();
        await _journal.AppendEventAsync(run.Id, RunEventKinds.Rejected, rejecter, StepNames.Approval, reason, CancellationToken.None);
        var detail = reason is null ? $"rejected by {rejecter}" : $"rejected by {rejecter}: {reason}";
        await _journal.SetStepStatusAsync(run.Id, StepNames.Approval, StepStatus.Failed, detail, CancellationToken.None);
        return await _runner.RollBackAsync(run, invocation, RunStatus.RolledBack, $"{detail}; what this run did was rolled back");
    }

    /// <summary>
    /// Rolls back what an open run did. A run awaiting approval is one only an approver may decide: rolling it back
    /// needs <paramref name="actor"/>, who must be an approver, as <c>reject</c> does. The actor (when known) is
    /// journaled on the rolled-back event.
    /// </summary>
    public async Task<RunOutcome> RollBackAsync(string runId, string? actor, RunInvocation invocation)
    {
        var run = await _journal.FindRunAsync(runId, CancellationToken.None) ?? throw StateErrors.RunNotFound(runId);
        if (!run.Open)
        {
            throw PipelineErrors.NothingToRollBack(run, $"it is {StatusNames.Of(run.Status)} and closed");
        }

        if (string.IsNullOrWhiteSpace(actor))
        {
            actor = null;
        }

        if (run.Status == RunStatus.AwaitingApproval)
        {
            ApproverPolicy.For(_config).EnsureMayApprove(actor ?? throw PipelineErrors.ApproverMissing("slipway rollback"));
        }

        if (await _runner.PointOfNoReturnAsync(run.Id) is { } irreversible)
        {
            throw PipelineErrors.NothingToRollBack(run, $"'{irreversible}' made it public; finish it with 'slipway resume {run.Id}'");
        }

        await EnsureNoLiveClaimsAsync(run, "rolling back");
        RegisterSecrets();
        var outcome = await _runner.RollBackAsync(run, invocation, RunStatus.RolledBack, null);
        if (outcome.Run.Status == RunStatus.RolledBack)
        {
            await _journal.AppendEventAsync(run.Id, RunEventKinds.RolledBack, actor, null, null, CancellationToken.None);
        }

        return outcome;
    }

    /// <summary>
    /// Runs one step of an open run (<paramref name="stepName"/>), or with null the first ready one, and brings the
    /// run's status in line with its steps. Never rolls back: a failure leaves the run failed for <c>resume</c> or
    /// <c>rollback</c>. A step that is not ready, or that another runner holds, fails with StepNotReady (exit 4).
    /// </summary>
    public async Task<StepOutcome> StepAsync(string runId, string? stepName, RunInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (stepName is not null && !_graph.Contains(stepName))
        {
            throw PipelineErrors.UnknownStep(stepName, _graph);
        }

        var run = await _journal.FindRunAsync(runId, cancellationToken) ?? throw StateErrors.RunNotFound(runId);
        var plan = await _runner.PlanAsync(run.Id);
        if (stepName is not null && plan[stepName].State == StepState.Done)
        {
            return new StepOutcome(run, new StepExecution(stepName, StepExecutionKind.AlreadyDone), plan);
        }

        if (stepName is null && plan.Status == RunStatus.Succeeded)
        {
            return new StepOutcome(run, null, plan);
        }

        if (!run.Open)
        {
            throw PipelineErrors.RunClosed(run);
        }

        // A step runs under the configuration the run started with: a job on a clone whose slipway.toml (or CODEOWNERS)
        // differs must not build, push, sign or approve for this run.
        if (run.ConfigHash != ConfigurationHash.Of(_config))
        {
            throw PipelineErrors.StepInputsChanged(run);
        }

        await EnsureApproverBeforeStartAsync(invocation, cancellationToken);
        await PreApproveAsync(run, invocation);
        StepExecution? execution = null;
        if (stepName is null)
        {
            // Ready first; a step awaiting approval runs again (its approval may have come); a failed one only by name.
            foreach (var candidate in plan.InState(StepState.Ready).Concat(plan.InState(StepState.AwaitingApproval)))
            {
                execution = await _runner.Executor.RunAsync(run, candidate.Name, invocation, cancellationToken);
                if (execution.Kind != StepExecutionKind.NotReady && execution.Kind != StepExecutionKind.AlreadyDone)
                {
                    break;
                }
            }

            if (execution is null or { Kind: StepExecutionKind.NotReady or StepExecutionKind.AlreadyDone })
            {
                var now = await _runner.PlanAsync(run.Id);
                if (now.Status == RunStatus.Succeeded)
                {
                    return new StepOutcome(await SettleAsync(run, now), null, now);
                }

                throw PipelineErrors.NothingReady(run, now);
            }
        }
        else
        {
            execution = await _runner.Executor.RunAsync(run, stepName, invocation, cancellationToken);
            if (execution.Kind == StepExecutionKind.NotReady)
            {
                throw PipelineErrors.NotReady(run, execution);
            }
        }

        var after = await _runner.PlanAsync(run.Id);
        return new StepOutcome(await SettleAsync(run, after), execution, after);
    }

    private async Task<RunStart?> StartAsync(ReleaseInfo info, bool allowDirty, RunInvocation invocation, CancellationToken cancellationToken, IReadOnlyList<string>? pending = null)
    {
        var version = info.Version.ToString();
        var open = await _journal.FindOpenRunAsync(_config.Project.Name, version, cancellationToken);
        if (open is null && !info.ShouldRelease)
        {
            return null;
        }

        await EnsureApproverBeforeStartAsync(invocation, cancellationToken);
        var options = new JsonObject { [PreflightStep.AllowDirtyOption] = allowDirty };
        return await _journal.OpenRunAsync(
            new NewRun(_config.Project.Name, version, info.Commit, ConfigurationHash.Of(_config), options, pending),
            cancellationToken);
    }

    /// <summary>Writes the run status its steps imply (succeeded closes the run), when it differs from the stored one.</summary>
    private async Task<RunRecord> SettleAsync(RunRecord run, RunPlan plan)
    {
        var current = await _journal.FindRunAsync(run.Id, CancellationToken.None) ?? throw StateErrors.RunNotFound(run.Id);
        var open = plan.Status != RunStatus.Succeeded;
        if (current.Status != plan.Status && StateTransitions.IsAllowed(current.Status, plan.Status))
        {
            await _journal.SetRunStatusAsync(run.Id, plan.Status, open, CancellationToken.None);
            return await _journal.FindRunAsync(run.Id, CancellationToken.None) ?? throw StateErrors.RunNotFound(run.Id);
        }

        return current;
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

    /// <summary>
    /// A compensation's error may quote a credential (a registry echoing the request): the secrets this configuration
    /// binds are registered with this session's redactor before anything is undone, as the executor does before a step.
    /// </summary>
    private void RegisterSecrets() => ConfiguredSecrets.Register(_config, _services.Environment, _services.Redactor);

    private async Task EnsureNoLiveClaimsAsync(RunRecord run, string action)
    {
        var plan = await _runner.PlanAsync(run.Id);
        var held = plan.InState(StepState.Running).Where(s => s.Lease?.Token != _services.Owner.Token).ToList();
        if (held.Count > 0)
        {
            throw PipelineErrors.StepsHeld(run, held, action);
        }
    }

    private async Task EnsureApproverBeforeStartAsync(RunInvocation invocation, CancellationToken cancellationToken)
    {
        // --yes on behalf of someone who may not approve must fail before anything runs, not at the approval step.
        if (invocation.PreApprovedBy is { } approver && _config.Approval.Required)
        {
            ApproverPolicy.For(_config).EnsureMayApprove(approver);
            await WitnessAsync(approver, cancellationToken);
        }
    }

    /// <summary>
    /// In a GitHub Actions job on the GitHub forge, what GitHub recorded of an approval by <paramref name="approver"/>
    /// (journaled with it), or a coded error when it names someone else; null elsewhere, where the name is taken as given.
    /// The account GitHub recorded must itself be an approver of the policy.
    /// </summary>
    private async Task<ActionsApproval?> WitnessAsync(string approver, CancellationToken cancellationToken)
    {
        if (ActionsApprovalCheck.For(_config, _services.Environment) is not { } check)
        {
            return null;
        }

        using var forge = ReleaseComposition.Ports(_config).Forge(_services);
        var approval = await check.VerifyAsync(approver, (GitHubForge)forge, cancellationToken);
        ApproverPolicy.For(_config).EnsureMayApprove(approval.Login);
        return approval;
    }

    /// <summary><c>--yes</c>: the approval is journaled (who, and that it was given up front) before the approval step can run.</summary>
    private async Task PreApproveAsync(RunRecord run, RunInvocation invocation)
    {
        if (invocation.PreApprovedBy is not { } approver || !_config.Approval.Required)
        {
            return;
        }

        var events = await _journal.EventsAsync(run.Id, CancellationToken.None);
        if (events.Any(e => e.Kind is RunEventKinds.Approved or RunEventKinds.Rejected))
        {
            return;
        }

        ApproverPolicy.For(_config).EnsureMayApprove(approver);
        var witness = await WitnessAsync(approver, CancellationToken.None);
        await _journal.AppendEventAsync(
            run.Id, RunEventKinds.Approved, witness?.Login ?? approver, StepNames.Approval, witness is null ? "--yes" : $"--yes; {witness.Detail}", CancellationToken.None);
    }

    private async Task<bool> DecidedAsync(string runId, CancellationToken cancellationToken) =>
        (await _journal.EventsAsync(runId, cancellationToken)).Any(e => e.Kind is RunEventKinds.Approved or RunEventKinds.Rejected);

    private async Task<RunOutcome> ContinueAsync(RunRecord run, string headCommit, bool force, RunInvocation invocation, CancellationToken cancellationToken)
    {
        EnsureResumable(run);
        var steps = await _journal.StepsAsync(run.Id, cancellationToken);
        if (steps.Any(s => s.Status is StepStatus.Compensating or StepStatus.CompensationFailed))
        {
            // A rollback was interrupted (the process died while undoing): finish undoing, never redo.
            throw PipelineErrors.NotResumable(run, $"its rollback is unfinished: run 'slipway rollback {run.Id}'");
        }

        // A decision journaled without continuing (the approval page, approve --no-continue) lets the run go on: the
        // approval step runs again and reads it.
        if (run.Status == RunStatus.AwaitingApproval && invocation.PreApprovedBy is null && !await DecidedAsync(run.Id, cancellationToken))
        {
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
        return await DriveAsync(run, invocation, cancellationToken);
    }

    private async Task<RunOutcome> DriveAsync(RunRecord run, RunInvocation invocation, CancellationToken cancellationToken)
    {
        await PreApproveAsync(run, invocation);
        return await _runner.ExecuteAsync(run, invocation, cancellationToken);
    }
}
