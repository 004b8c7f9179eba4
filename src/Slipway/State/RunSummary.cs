namespace Slipway.State;

/// <summary>A listed run and its decision: who approved or rejected it (<see cref="DecisionKind"/>), when decided.</summary>
public sealed record RunSummary(RunRecord Run, string? DecisionKind, string? DecidedBy);
