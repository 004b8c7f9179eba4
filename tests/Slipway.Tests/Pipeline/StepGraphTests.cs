using Slipway.Diagnostics;
using Slipway.Pipeline;

namespace Slipway.Tests.Pipeline;

public sealed class StepGraphTests
{
    [Fact]
    public void Orders_steps_after_their_dependencies_keeping_declaration_order_otherwise()
    {
        var graph = StepGraph.Create([new FakeStep("c", "b"), new FakeStep("a"), new FakeStep("b", "a"), new FakeStep("d")]);

        Assert.Equal(["a", "b", "c", "d"], graph.Order.Select(s => s.Name));
    }

    [Fact]
    public void Rejects_a_cycle_and_prints_its_path()
    {
        var error = Assert.Throws<SlipwayException>(() =>
            StepGraph.Create([new FakeStep("a", "c"), new FakeStep("b", "a"), new FakeStep("c", "b")]));

        Assert.Equal(ErrorCode.StepGraphCycle, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.EndsWith("a -> c -> b -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_step_that_depends_on_itself()
    {
        var error = Assert.Throws<SlipwayException>(() => StepGraph.Create([new FakeStep("a", "a")]));

        Assert.Equal(ErrorCode.StepGraphCycle, error.Code);
        Assert.EndsWith("a -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_missing_dependency_before_anything_runs()
    {
        var step = new FakeStep("build", "gates");
        var error = Assert.Throws<SlipwayException>(() => StepGraph.Create([new FakeStep("preflight"), step]));

        Assert.Equal(ErrorCode.StepGraphMissingDependency, error.Code);
        Assert.Contains("'build' depends on 'gates'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, step.Executions);
    }

    [Fact]
    public void Rejects_two_steps_with_one_name()
    {
        var error = Assert.Throws<SlipwayException>(() => StepGraph.Create([new FakeStep("a"), new FakeStep("a")]));

        Assert.Equal(ErrorCode.StepGraphDuplicateStep, error.Code);
    }
}
