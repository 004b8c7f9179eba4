using Slipway.Configuration;

namespace Slipway.Pipeline;

/// <summary>The steps a release runs for a configuration, in the order the runner starts them, with their conditions.</summary>
public static class ReleasePlan
{
    public static IReadOnlyList<PlannedStep> For(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return For(ReleaseComposition.Graph(config), config);
    }

    public static IReadOnlyList<PlannedStep> For(StepGraph graph, SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return
        [
            .. graph.Order.Select(step =>
            {
                var condition = step.Condition(config);
                var text = condition.Enabled || condition.SkipReason is null ? condition.Text : $"{condition.Text} ({condition.SkipReason})";
                var description = step.Irreversible ? $"{step.Description} [point of no return]" : step.Description;
                return new PlannedStep(step.Name, step.DependsOn, text, condition.Enabled, description);
            }),
        ];
    }
}
