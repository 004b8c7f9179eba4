using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>One step as the planner sees it: its state, the dependencies that block it, the live claim that holds it.</summary>
public sealed record StepPlan(string Name, StepState State, IReadOnlyList<string> BlockedBy, StepLease? Lease, StepRecord? Record);
