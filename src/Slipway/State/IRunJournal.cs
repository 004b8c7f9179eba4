using System.Text.Json.Nodes;

namespace Slipway.State;

/// <summary>
/// The record of every run: runs, their steps, and an append-only event log. A step is journaled <em>started</em>
/// before its side effect and <em>succeeded</em> with its outputs after, so a crash at any point leaves enough to
/// resume. Errors, reasons and event details pass through the secret redactor before they are stored; outputs are
/// structured and stored as written (the step masks their free-text fields).
/// No process owns a run: a runner claims one step at a time with a lease (<see cref="TryClaimStepAsync"/>), renews
/// it while the step runs, and a claim whose lease ran out may be taken by another runner. Every status write is
/// checked against <see cref="StateTransitions"/> in its own transaction.
/// The embedded store is SQLite; a shared store (PostgreSQL) implements the same contract.
/// </summary>
public interface IRunJournal : IDisposable
{
    /// <summary>Atomically: the open run of (project, version) when there is one, else a new run.</summary>
    Task<RunStart> OpenRunAsync(NewRun run, CancellationToken cancellationToken = default);

    /// <summary>Makes a closed run open again (to resume it), if no other run of its version is open.</summary>
    Task<RunRecord> ReopenAsync(string runId, CancellationToken cancellationToken = default);

    Task<RunRecord?> FindRunAsync(string runId, CancellationToken cancellationToken = default);

    Task<RunRecord?> LatestRunAsync(string? project, CancellationToken cancellationToken = default);

    /// <summary>The latest succeeded run of <paramref name="project"/> other than <paramref name="exceptRunId"/> (the previous release), or null.</summary>
    Task<RunRecord?> PreviousReleaseAsync(string project, string exceptRunId, CancellationToken cancellationToken = default);

    Task<RunRecord?> FindOpenRunAsync(string project, string version, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StepRecord>> StepsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically claims a step for <paramref name="owner"/> until now + <paramref name="lease"/>: of many runners
    /// claiming one step at once, exactly one wins. Refused while another runner's lease is live, or when the step's
    /// status cannot move to running (succeeded, skipped, being rolled back).
    /// </summary>
    Task<StepClaim> TryClaimStepAsync(string runId, string stepName, RunOwner owner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Extends <paramref name="owner"/>'s claim on a step; false when it no longer holds it.</summary>
    Task<bool> RenewClaimAsync(string runId, string stepName, RunOwner owner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Gives up <paramref name="owner"/>'s claim on a step (when it held one).</summary>
    Task ReleaseClaimAsync(string runId, string stepName, RunOwner owner, CancellationToken cancellationToken = default);

    // A claimed step's writes take the RunOwner that claimed it: each checks, in its own transaction, that the owner
    // still holds the claim, and otherwise throws StepClaimLost (SLW8045) and changes nothing: a runner whose lease was
    // taken over leaves the result to the new holder. The overloads without an owner are for writes no claim covers
    // (compensation, a rejection).

    /// <summary>Journals a step as started (before any side effect) and returns its attempt number.</summary>
    Task<int> StepStartedAsync(string runId, string stepName, CancellationToken cancellationToken = default);

    /// <summary><see cref="StepStartedAsync(string, string, CancellationToken)"/> while <paramref name="owner"/> holds the step's claim, else StepClaimLost.</summary>
    Task<int> StepStartedAsync(string runId, string stepName, RunOwner owner, CancellationToken cancellationToken = default);

    /// <summary>Stores what a running step did so far (for example the tags moved before a failure), for its compensation.</summary>
    Task SaveProgressAsync(string runId, string stepName, JsonObject outputs, CancellationToken cancellationToken = default);

    /// <summary><see cref="SaveProgressAsync(string, string, JsonObject, CancellationToken)"/> while <paramref name="owner"/> holds the step's claim, else StepClaimLost.</summary>
    Task SaveProgressAsync(string runId, string stepName, JsonObject outputs, RunOwner owner, CancellationToken cancellationToken = default);

    /// <summary>Journals the step's success with its outputs and ends any claim on it.</summary>
    Task StepSucceededAsync(string runId, string stepName, JsonObject outputs, CancellationToken cancellationToken = default);

    /// <summary><see cref="StepSucceededAsync(string, string, JsonObject, CancellationToken)"/> while <paramref name="owner"/> holds the step's claim, else StepClaimLost.</summary>
    Task StepSucceededAsync(string runId, string stepName, JsonObject outputs, RunOwner owner, CancellationToken cancellationToken = default);

    Task StepSkippedAsync(string runId, string stepName, string reason, CancellationToken cancellationToken = default);

    /// <summary><see cref="StepSkippedAsync(string, string, string, CancellationToken)"/> while <paramref name="owner"/> holds the step's claim, else StepClaimLost.</summary>
    Task StepSkippedAsync(string runId, string stepName, string reason, RunOwner owner, CancellationToken cancellationToken = default);

    /// <summary>Sets a step's status; one that ends the step's work (failed, awaiting approval, compensated) ends any claim on it.</summary>
    Task SetStepStatusAsync(string runId, string stepName, StepStatus status, string? errorMessage, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="SetStepStatusAsync(string, string, StepStatus, string, CancellationToken)"/> for a claimed step's result
    /// (failed, awaiting approval) while <paramref name="owner"/> holds its claim, else StepClaimLost.
    /// </summary>
    Task SetStepStatusAsync(string runId, string stepName, StepStatus status, string? errorMessage, RunOwner owner, CancellationToken cancellationToken = default);

    Task SetRunStatusAsync(string runId, RunStatus status, bool open, CancellationToken cancellationToken = default);

    Task AppendEventAsync(string runId, string kind, string? actor, string? stepName, string? detail, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken = default);
}
