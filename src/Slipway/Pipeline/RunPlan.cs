using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>Every step of a run in graph order as the planner sees it, and the run's status derived from them.</summary>
public sealed record RunPlan(IReadOnlyList<StepPlan> Steps, RunStatus Status)
{
    public StepPlan this[string name] => Steps.First(s => s.Name == name);

    public IEnumerable<StepPlan> InState(StepState state) => Steps.Where(s => s.State == state);
}
