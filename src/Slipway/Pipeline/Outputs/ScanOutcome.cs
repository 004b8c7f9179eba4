using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>The scan's verdict as journaled: its summary, the findings per severity, the blocking ones (<c>ID in package</c>) and how many the ignore list dropped.</summary>
public sealed record ScanOutcome(string Summary, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<string> Blocking, int Ignored) : IStepOutput<ScanOutcome>
{
    public static JsonTypeInfo<ScanOutcome> JsonInfo => StepOutputContext.Default.ScanOutcome;
}
