namespace Slipway.State;

/// <summary>What <see cref="IRunCatalog.DecideAsync"/> did: the run as it was read, and the earlier decision when there was one.</summary>
public sealed record RunDecision(RunDecisionOutcome Outcome, RunRecord? Run, RunEvent? Earlier);
