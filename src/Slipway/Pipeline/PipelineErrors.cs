using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>Every user-facing message of the release run, in one place.</summary>
public static class PipelineErrors
{
    public static SlipwayException MissingDependency(string step, string dependency) =>
        SlipwayException.Input(ErrorCode.StepGraphMissingDependency, $"step '{step}' depends on '{dependency}', which is not in the graph");

    public static SlipwayException Cycle(IEnumerable<string> path) =>
        SlipwayException.Input(ErrorCode.StepGraphCycle, $"the steps depend on each other in a cycle: {string.Join(" -> ", path)}");

    public static SlipwayException DuplicateStep(string step) =>
        SlipwayException.Input(ErrorCode.StepGraphDuplicateStep, $"two steps are named '{step}'");

    public static SlipwayException MissingInput(string step, string source) =>
        SlipwayException.Failure(ErrorCode.StepFailed, $"step '{step}' needs the outputs of '{source}', which has not succeeded in this run");

    public static SlipwayException OutputUnreadable(string step, string error) =>
        SlipwayException.Failure(
            ErrorCode.StepOutputUnreadable,
            $"the journaled outputs of step '{step}' do not have the shape this version of slipway reads: {error}",
            "the run was journaled by another version of slipway; finish it with that version");

    public static SlipwayException AlreadyDecided(string runId, string kind, string? actor) =>
        SlipwayException.Input(
            ErrorCode.DecisionAlreadyMade,
            $"run {runId} is already decided: {kind} by {actor ?? "someone"}",
            $"see 'slipway status {runId}'; 'slipway resume' continues an approved run");

    public static SlipwayException NotAwaitingApproval(RunRecord run) =>
        SlipwayException.Input(
            ErrorCode.RunNotAwaitingApproval,
            $"run {run.Id} is {StatusNames.Of(run.Status)}, not awaiting approval",
            $"see 'slipway status {run.Id}'");

    public static SlipwayException ApproverMissing(string command) =>
        SlipwayException.Input(
            ErrorCode.ApproverMissing,
            $"'{command}' needs to know who approves",
            "pass --as NAME or set SLIPWAY_APPROVER");

    public static SlipwayException NotAnApprover(string name, string source) =>
        SlipwayException.Input(ErrorCode.NotAnApprover, $"'{name}' may not approve releases (approvers come from {source})");

    public static SlipwayException CodeownersMissing(string where) =>
        SlipwayException.Input(ErrorCode.CodeownersMissing, $"[approval] codeowners is set but no CODEOWNERS file was found ({where})");

    public static SlipwayException NotResumable(RunRecord run, string hint) =>
        SlipwayException.Input(ErrorCode.RunNotResumable, $"run {run.Id} is {StatusNames.Of(run.Status)} and cannot be resumed", hint);

    public static SlipwayException InputsChanged(RunRecord run, string what) =>
        SlipwayException.Input(
            ErrorCode.RunInputsChanged,
            $"run {run.Id} started from another {what}; resuming would release something else than what was checked",
            $"run 'slipway resume {run.Id} --force' to continue it anyway, or 'slipway rollback {run.Id}' and start again");

    public static SlipwayException StepInputsChanged(RunRecord run) =>
        SlipwayException.Input(
            ErrorCode.StepInputsChanged,
            $"run {run.Id} was started and checked under another configuration than this checkout's slipway.toml (or its CODEOWNERS); a step runs only under its run's",
            $"run the step from the run's commit {run.Commit}");

    public static SlipwayException ApprovalInputsChanged(RunRecord run, string approver) =>
        SlipwayException.Input(
            ErrorCode.RunInputsChanged,
            $"run {run.Id} started from another configuration; approving it now would release something else than what was checked",
            $"restore the configuration, or approve the changed one with 'slipway resume {run.Id} --force --yes --as {approver}'");

    public static SlipwayException Rejected(string? actor, string? reason) =>
        SlipwayException.Failure(
            ErrorCode.StepFailed,
            $"the release was rejected by {actor ?? "an approver"}{(reason is null ? string.Empty : ": " + reason)}",
            "a rejected run is not approved again; start a new release");

    public static SlipwayException NothingToRollBack(RunRecord run, string why) =>
        SlipwayException.Input(ErrorCode.NothingToRollBack, $"run {run.Id} cannot be rolled back: {why}");

    public static SlipwayException CommitMoved(string expected, string actual) =>
        SlipwayException.Failure(
            ErrorCode.CommitMoved,
            $"HEAD is {actual[..7]} but the run releases {expected[..7]}",
            "check out the run's commit, or start a new release");

    public static SlipwayException VersionChanged(string expected, string actual) =>
        SlipwayException.Failure(ErrorCode.StepFailed, $"the version is now {actual} but the run releases {expected}");

    public static SlipwayException AlreadyReleased(string reason) =>
        SlipwayException.Failure(ErrorCode.StepFailed, $"nothing to release: {reason}");

    public static SlipwayException WorkingTreeDirty(IReadOnlyList<string> paths) =>
        SlipwayException.Failure(
            ErrorCode.WorkingTreeDirty,
            $"the working tree has {paths.Count} uncommitted change(s): {string.Join(", ", paths.Take(5))}{(paths.Count > 5 ? ", ..." : string.Empty)}",
            "commit or stash them, or pass --allow-dirty");

    public static SlipwayException GateFailed(string gate, int exitCode, string log) =>
        SlipwayException.Failure(ErrorCode.GateFailed, $"gate '{gate}' failed with exit code {exitCode}", $"its log: {log}");

    public static SlipwayException GatesFailed(IReadOnlyList<string> gates, string logDirectory) =>
        SlipwayException.Failure(ErrorCode.GateFailed, $"gates failed: {string.Join(", ", gates)}", $"their logs: {logDirectory}");

    public static SlipwayException BuildFailed(int exitCode, string log) =>
        SlipwayException.Failure(ErrorCode.BuildFailed, $"the build command failed with exit code {exitCode}", $"its log: {log}");

    public static SlipwayException ArtifactsMissing(IReadOnlyList<string> paths) =>
        SlipwayException.Failure(
            ErrorCode.ArtifactMissing,
            $"the build did not produce {string.Join(", ", paths)}",
            "the [build] command must leave every declared artifact in place");

    public static SlipwayException ReleaseTagConflict(string tag, string at, string expected) =>
        SlipwayException.Failure(
            ErrorCode.ReleaseTagConflict,
            $"tag {tag} already names {at[..7]}, not the built commit {expected[..7]}",
            "a release tag never moves: bump the version");

    public static SlipwayException Cancelled() =>
        SlipwayException.Failure(ErrorCode.RunCancelled, "the run was cancelled");

    public static SlipwayException ScanBlocked(string summary) =>
        SlipwayException.Failure(ErrorCode.ScanBlocked, $"the vulnerability scan blocks the release: {summary}", "fix or upgrade the affected packages, or list accepted findings in [scan] ignore-file with an expiry date");

    public static SlipwayException ScanCommandFailed(string command, int exitCode, string error) =>
        SlipwayException.Failure(
            ErrorCode.ScanCommandFailed,
            $"the [scan] command '{command}' exited {exitCode}{(error.Length == 0 ? string.Empty : ": " + error)}",
            "the scanner must print its report (Trivy JSON or SARIF) and exit 0; check it by hand against image@digest");

    public static SlipwayException PrereleaseTagMoved(string reference, string expected, string? actual) =>
        SlipwayException.Failure(
            ErrorCode.PrereleaseTagMoved,
            $"{reference} names {actual ?? "nothing"}, not the digest this run built and tested ({expected}); nothing was promoted",
            "someone pushed over the prerelease tag while the release waited; start a new release");

    public static SlipwayException PromotionIncomplete(string repository, IEnumerable<string> moved, IEnumerable<string> failed) =>
        SlipwayException.Failure(
            ErrorCode.PromotionIncomplete,
            $"promoting {repository} failed for {string.Join(", ", failed)}; moved before the failure: {(moved.Any() ? string.Join(", ", moved) : "none")}");

    public static SlipwayException ScanIgnoreFileMissing(string file) =>
        SlipwayException.Input(ErrorCode.ScanIgnoreFileInvalid, $"[scan] ignore-file '{file}' does not exist", "create it (one finding ID a line, optionally exp:YYYY-MM-DD) or remove the setting");

    public static SlipwayException StepsHeld(RunRecord run, IEnumerable<StepPlan> held, string action) =>
        SlipwayException.Input(
            ErrorCode.StepClaimHeld,
            $"run {run.Id} has steps another runner holds: {Held(held)}; {action} would run beside it",
            "wait for those steps to finish; a runner that is gone loses its claim when the lease runs out ([state] lease)");

    public static SlipwayException UnknownStep(string name, StepGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var names = graph.Order.Select(s => s.Name).ToList();
        var closest = Configuration.KeySuggestion.Closest(name, names);
        return SlipwayException.Input(
            ErrorCode.UnknownStep,
            $"there is no step '{name}'{(closest is null ? string.Empty : $"; did you mean '{closest}'?")}",
            $"the steps are: {string.Join(", ", names)}");
    }

    public static SlipwayException NotReady(RunRecord run, StepExecution execution)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(execution);
        var why = execution.HeldBy is { } lease
            ? $"another runner holds it ({lease.Holder}, lease until {lease.Expires.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} UTC)"
            : $"it waits for {string.Join(", ", execution.BlockedBy ?? [])}";
        return new SlipwayException(ErrorCode.StepNotReady, ErrorKind.NotReady, $"step '{execution.Step}' of run {run.Id} is not ready: {why}");
    }

    public static SlipwayException NothingReady(RunRecord run, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var held = plan.InState(StepState.Running).ToList();
        var waiting = plan.InState(StepState.AwaitingApproval).Select(s => s.Name).ToList();
        var why = held.Count > 0 ? $"other runners hold {Held(held)}"
            : waiting.Count > 0 ? $"{string.Join(", ", waiting)} awaits approval"
            : plan.InState(StepState.Failed).Any() ? $"{string.Join(", ", plan.InState(StepState.Failed).Select(s => s.Name))} failed (run 'slipway step NAME --run {run.Id}' to retry it)"
            : $"it is {StatusNames.Of(plan.Status)}";
        return new SlipwayException(ErrorCode.StepNotReady, ErrorKind.NotReady, $"no step of run {run.Id} is ready: {why}");
    }

    public static SlipwayException RunClosed(RunRecord run) =>
        SlipwayException.Input(
            ErrorCode.RunClosed,
            $"run {run.Id} is {StatusNames.Of(run.Status)} and closed",
            $"see 'slipway status {run.Id}'; 'slipway resume {run.Id}' reopens a failed run");

    private static string Held(IEnumerable<StepPlan> held) =>
        string.Join(", ", held.Select(s => $"'{s.Name}' ({s.Lease?.Holder})"));
}
