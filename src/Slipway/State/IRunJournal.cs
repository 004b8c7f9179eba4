using System.Text.Json.Nodes;

namespace Slipway.State;

/// <summary>
/// The record of every run: runs, their steps, and an append-only event log. A step is journaled <em>started</em>
/// before its side effect and <em>succeeded</em> with its outputs after, so a crash at any point leaves enough to
/// resume. Errors, reasons and event details pass through the secret redactor before they are stored; outputs are
/// structured and stored as written (the step masks their free-text fields).
/// The embedded store is SQLite; a shared store (PostgreSQL) implements the same contract.
/// </summary>
public interface IRunJournal : IDisposable
{
    /// <summary>
    /// Atomically: the open run of (project, version) when there is one and its owner is gone, taken over by
    /// <paramref name="owner"/>; else a new run. Fails with RunAlreadyActive when a live process owns the open run.
    /// </summary>
    Task<RunClaim> ClaimAsync(NewRun run, RunOwner owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes ownership of an existing run (to resume, approve, reject or roll it back); fails when a live process holds
    /// it, unless <paramref name="takeOver"/> (an owner on another machine cannot be checked; <c>resume --force</c>).
    /// With <paramref name="reopen"/> a closed run becomes open again, if no other run of its version is.
    /// </summary>
    Task<RunRecord> AcquireAsync(string runId, RunOwner owner, bool reopen, bool takeOver = false, CancellationToken cancellationToken = default);

    Task ReleaseAsync(string runId, RunOwner owner, CancellationToken cancellationToken = default);

    Task<RunRecord?> FindRunAsync(string runId, CancellationToken cancellationToken = default);

    Task<RunRecord?> LatestRunAsync(string? project, CancellationToken cancellationToken = default);

    /// <summary>The latest succeeded run of <paramref name="project"/> other than <paramref name="exceptRunId"/> (the previous release), or null.</summary>
    Task<RunRecord?> PreviousReleaseAsync(string project, string exceptRunId, CancellationToken cancellationToken = default);

    Task<RunRecord?> FindOpenRunAsync(string project, string version, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StepRecord>> StepsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Journals a step as started (before any side effect) and returns its attempt number.</summary>
    Task<int> StepStartedAsync(string runId, string stepName, CancellationToken cancellationToken = default);

    /// <summary>Stores what a running step did so far (for example the tags moved before a failure), for its compensation.</summary>
    Task SaveProgressAsync(string runId, string stepName, JsonObject outputs, CancellationToken cancellationToken = default);

    Task StepSucceededAsync(string runId, string stepName, JsonObject outputs, CancellationToken cancellationToken = default);

    Task StepSkippedAsync(string runId, string stepName, string reason, CancellationToken cancellationToken = default);

    Task SetStepStatusAsync(string runId, string stepName, StepStatus status, string? errorMessage, CancellationToken cancellationToken = default);

    Task SetRunStatusAsync(string runId, RunStatus status, bool open, CancellationToken cancellationToken = default);

    Task AppendEventAsync(string runId, string kind, string? actor, string? stepName, string? detail, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken = default);
}
