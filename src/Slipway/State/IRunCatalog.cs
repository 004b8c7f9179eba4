namespace Slipway.State;

/// <summary>The journal as the approval page reads it: runs listed page by page, and decisions recorded atomically.</summary>
public interface IRunCatalog
{
    /// <summary>The runs matching <paramref name="query"/>, newest first, and how many match in all.</summary>
    Task<RunListing> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: checks that the run awaits approval, that no one decided it yet and that it started from
    /// <paramref name="configHash"/>, then journals the decision on <paramref name="stepName"/> (<see cref="RunEventKinds.Approved"/> or
    /// <see cref="RunEventKinds.Rejected"/>). Of two concurrent decisions exactly one is recorded.
    /// </summary>
    Task<RunDecision> DecideAsync(string runId, string stepName, string kind, string actor, string? detail, string configHash, CancellationToken cancellationToken = default);
}
