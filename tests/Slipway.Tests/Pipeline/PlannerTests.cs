using System.Text.Json.Nodes;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Tests.Pipeline;

/// <summary>The planner over every journal state a step can be in, for a graph a -> b, a -> c, (b, c) -> d.</summary>
public sealed class PlannerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly StepGraph Graph = StepGraph.Create(
    [
        new FakeStep("a"),
        new FakeStep("b", "a"),
        new FakeStep("c", "a"),
        new FakeStep("d", "b", "c"),
    ]);

    private static StepRecord Record(string name, StepStatus status, int leaseSeconds = 0, bool claimed = false, JsonObject? outputs = null) =>
        new(name, status, status == StepStatus.Pending ? 0 : 1, 1, null, null, outputs, null, null,
            claimed ? new StepLease("token", "process 7 on ci", Now.AddSeconds(leaseSeconds)) : null);

    public static TheoryData<string, StepStatus, int, bool, StepState> OneStepAfterItsDependencyIsDone() => new()
    {
        // name of the case, status of 'b', lease seconds left (negative: expired), claimed, what 'b' is.
        { "never journaled", StepStatus.Pending, 0, false, StepState.Ready },
        { "pending, claimed, lease live", StepStatus.Pending, 30, true, StepState.Running },
        { "pending, claim expired", StepStatus.Pending, -1, true, StepState.Ready },
        { "running, lease live", StepStatus.Running, 30, true, StepState.Running },
        { "running, lease just ran out", StepStatus.Running, 0, true, StepState.Ready },
        { "running, lease expired", StepStatus.Running, -30, true, StepState.Ready },
        { "running without a claim (an older journal)", StepStatus.Running, 0, false, StepState.Ready },
        { "succeeded", StepStatus.Succeeded, 0, false, StepState.Done },
        { "skipped", StepStatus.Skipped, 0, false, StepState.Done },
        { "failed", StepStatus.Failed, 0, false, StepState.Failed },
        { "failed, retried under a live claim", StepStatus.Failed, 30, true, StepState.Running },
        { "awaiting approval", StepStatus.AwaitingApproval, 0, false, StepState.AwaitingApproval },
        { "awaiting approval, re-checked under a live claim", StepStatus.AwaitingApproval, 30, true, StepState.Running },
        { "compensating", StepStatus.Compensating, 30, true, StepState.RollingBack },
        { "compensation failed", StepStatus.CompensationFailed, 0, false, StepState.RollingBack },
        { "compensated (rolled back, to redo)", StepStatus.Compensated, 0, false, StepState.Ready },
    };

    [Theory]
    [MemberData(nameof(OneStepAfterItsDependencyIsDone))]
    public void A_step_whose_dependency_is_done_is_planned_from_its_journaled_state(string name, StepStatus status, int leaseSeconds, bool claimed, StepState expected)
    {
        var journal = new List<StepRecord> { Record("a", StepStatus.Succeeded) };
        if (name != "never journaled")
        {
            journal.Add(Record("b", status, leaseSeconds, claimed));
        }

        var plan = Planner.Plan(Graph, journal, Now);

        Assert.Equal(expected, plan["b"].State);
        Assert.Equal(expected == StepState.Running ? "process 7 on ci" : null, plan["b"].Lease?.Holder);
        Assert.Empty(plan["b"].BlockedBy);
    }

    public static TheoryData<StepStatus> EveryStatusOfTheDependency() =>
        [StepStatus.Pending, StepStatus.Running, StepStatus.Failed, StepStatus.AwaitingApproval, StepStatus.Compensating, StepStatus.Compensated, StepStatus.CompensationFailed];

    [Theory]
    [MemberData(nameof(EveryStatusOfTheDependency))]
    public void A_step_whose_dependency_is_not_done_is_blocked_by_it_whatever_it_was(StepStatus dependency)
    {
        foreach (var own in new[] { StepStatus.Pending, StepStatus.Failed, StepStatus.AwaitingApproval, StepStatus.Compensated, StepStatus.Running })
        {
            var plan = Planner.Plan(Graph, [Record("a", dependency), Record("b", own)], Now);

            Assert.Equal(StepState.Blocked, plan["b"].State);
            Assert.Equal(["a"], plan["b"].BlockedBy);
        }
    }

    [Fact]
    public void A_step_is_blocked_by_exactly_the_dependencies_not_done()
    {
        var plan = Planner.Plan(Graph, [Record("a", StepStatus.Succeeded), Record("b", StepStatus.Skipped), Record("c", StepStatus.Running, 10, claimed: true)], Now);

        Assert.Equal(["c"], plan["d"].BlockedBy);
        Assert.Equal([StepState.Done, StepState.Done, StepState.Running, StepState.Blocked], plan.Steps.Select(s => s.State));
    }

    public static TheoryData<string, StepStatus[], RunStatus> RunStatuses() => new()
    {
        { "nothing journaled", [], RunStatus.Running },
        { "all done", [StepStatus.Succeeded, StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Succeeded], RunStatus.Succeeded },
        { "one running", [StepStatus.Succeeded, StepStatus.Running], RunStatus.Running },
        { "waiting with nothing else to do", [StepStatus.Succeeded, StepStatus.AwaitingApproval, StepStatus.Succeeded], RunStatus.AwaitingApproval },
        { "waiting while a sibling can still run", [StepStatus.Succeeded, StepStatus.AwaitingApproval], RunStatus.Running },
        { "a failure beside a waiting step", [StepStatus.Succeeded, StepStatus.AwaitingApproval, StepStatus.Failed], RunStatus.Failed },
        { "a rollback unfinished", [StepStatus.Succeeded, StepStatus.CompensationFailed, StepStatus.Failed], RunStatus.CompensationFailed },
        { "a rollback under way", [StepStatus.Compensating, StepStatus.Compensated], RunStatus.CompensationFailed },
        { "rolled back, to redo", [StepStatus.Compensated, StepStatus.Compensated], RunStatus.Running },
    };

    [Theory]
    [MemberData(nameof(RunStatuses))]
    public void The_run_status_follows_from_its_steps(string name, StepStatus[] statuses, RunStatus expected)
    {
        Assert.NotEmpty(name);
        var names = new[] { "a", "b", "c", "d" };
        var plan = Planner.Plan(Graph, statuses.Select((s, i) => Record(names[i], s)), Now);

        Assert.Equal(expected, plan.Status);
    }

    [Fact]
    public void Steps_the_graph_no_longer_has_are_ignored_and_the_plan_keeps_graph_order()
    {
        var plan = Planner.Plan(Graph, [Record("gone", StepStatus.Failed), Record("c", StepStatus.Succeeded), Record("a", StepStatus.Succeeded)], Now);

        Assert.Equal(["a", "b", "c", "d"], plan.Steps.Select(s => s.Name));
        Assert.Equal(StepState.Ready, plan["b"].State);
        Assert.Equal(RunStatus.Running, plan.Status);
    }
}
