using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>The gates step's outputs: every gate, each passed.</summary>
public sealed record GateRuns(IReadOnlyList<GateRun> Gates) : IStepOutput<GateRuns>
{
    public static JsonTypeInfo<GateRuns> JsonInfo => StepOutputContext.Default.GateRuns;
}
