using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What cleanup-prerelease journals: the per-version prerelease tags it removed.</summary>
public sealed record PrereleaseCleanup(IReadOnlyList<UntaggedImage> Untagged) : IStepOutput<PrereleaseCleanup>
{
    public static JsonTypeInfo<PrereleaseCleanup> JsonInfo => StepOutputContext.Default.PrereleaseCleanup;
}
