using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// What the build journals: its log, how long it took, and every declared artifact. A build done in parts (one platform
/// per runner) has no log of its own: each part's row has its log, and the step records the longest part's time.
/// </summary>
public sealed record BuildRecord(string? Log, double Seconds, IReadOnlyList<BuiltArtifact> Artifacts) : IStepOutput<BuildRecord>
{
    public static JsonTypeInfo<BuildRecord> JsonInfo => StepOutputContext.Default.BuildRecord;
}
