using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// How long the build took, as the provenance records it: the build step journals <c>seconds</c> beside what it left
/// (the layouts and artifacts, read through <see cref="Builds.BuildRecord"/>); a build done in parts (one platform per
/// runner) records its longest part.
/// </summary>
public sealed record BuildTiming(double Seconds) : IStepOutput<BuildTiming>
{
    public static JsonTypeInfo<BuildTiming> JsonInfo => StepOutputContext.Default.BuildTiming;
}
