using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>
/// From the journal alone: which steps of a run are ready, blocked (and by what), running under a live claim, done,
/// failed or awaiting approval, and the run's status that follows. A pure function of its inputs, so any process on
/// any machine derives the same plan from the same journal.
/// </summary>
public static class Planner
{
    public static RunPlan Plan(StepGraph graph, IEnumerable<StepRecord> records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(records);
        var byName = records.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var steps = new List<StepPlan>(graph.Order.Count);
        foreach (var step in graph.Order)
        {
            var record = byName.GetValueOrDefault(step.Name);
            var blockedBy = step.DependsOn.Where(d => !IsDone(byName.GetValueOrDefault(d))).ToList();
            var live = record?.Lease is { } lease && lease.IsLive(now) ? lease : null;
            var state = (record?.Status ?? StepStatus.Pending) switch
            {
                StepStatus.Succeeded or StepStatus.Skipped => StepState.Done,
                StepStatus.Compensating or StepStatus.CompensationFailed => StepState.RollingBack,
                _ when live is not null => StepState.Running,

                // A rollback may have undone a dependency of a failed or waiting step since: it waits for the redo.
                _ when blockedBy.Count > 0 => StepState.Blocked,
                StepStatus.Failed => StepState.Failed,
                StepStatus.AwaitingApproval => StepState.AwaitingApproval,

                // Pending, rolled back, or started by a runner whose lease ran out (its step contract allows a re-run).
                _ => StepState.Ready,
            };
            steps.Add(new StepPlan(step.Name, state, state == StepState.Blocked ? blockedBy : [], state == StepState.Running ? live : null, record));
        }

        return new RunPlan(steps, StatusOf(steps));
    }

    /// <summary>The run's status from its steps: unfinished rollback, then failure, then work in progress, then the wait for approval.</summary>
    public static RunStatus StatusOf(IReadOnlyList<StepPlan> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Any(s => s.State == StepState.RollingBack))
        {
            return RunStatus.CompensationFailed;
        }

        if (steps.All(s => s.State == StepState.Done))
        {
            return RunStatus.Succeeded;
        }

        if (steps.Any(s => s.State == StepState.Failed))
        {
            return RunStatus.Failed;
        }

        if (steps.Any(s => s.State is StepState.Running or StepState.Ready))
        {
            return RunStatus.Running;
        }

        return steps.Any(s => s.State == StepState.AwaitingApproval) ? RunStatus.AwaitingApproval : RunStatus.Running;
    }

    private static bool IsDone(StepRecord? record) => record?.Status is StepStatus.Succeeded or StepStatus.Skipped;
}
