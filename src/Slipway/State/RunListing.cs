namespace Slipway.State;

/// <summary>One page of listed runs and the number of runs matching the query.</summary>
public sealed record RunListing(IReadOnlyList<RunSummary> Runs, int Total);
