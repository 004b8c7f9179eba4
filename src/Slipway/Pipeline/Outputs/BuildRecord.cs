using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What the build journals: its log, how long it took, and every declared artifact.</summary>
public sealed record BuildRecord(string Log, double Seconds, IReadOnlyList<BuiltArtifact> Artifacts) : IStepOutput<BuildRecord>
{
    public static JsonTypeInfo<BuildRecord> JsonInfo => StepOutputContext.Default.BuildRecord;
}
