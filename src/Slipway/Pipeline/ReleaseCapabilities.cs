namespace Slipway.Pipeline;

/// <summary>
/// What the configuration brings to the release graph: the ports, and every capability's steps, each declaring its
/// <see cref="ReleaseStep.Phase"/>. <see cref="ReleaseGraphBuilder"/> places them on the spine by phase, in this order.
/// </summary>
public sealed record ReleaseCapabilities(RunPorts Ports, IReadOnlyList<ReleaseStep> Steps)
{
    /// <summary>These capabilities with <paramref name="step"/> in place of the step of the same name.</summary>
    public ReleaseCapabilities Replacing(ReleaseStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return this with { Steps = [.. Steps.Select(s => s.Name == step.Name ? step : s)] };
    }
}
