using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>The post-release branch finalize-changelog pushed, and whether this run pushed it.</summary>
public sealed record ChangelogFinalized(string Branch, string Commit, bool Created) : IStepOutput<ChangelogFinalized>
{
    public static JsonTypeInfo<ChangelogFinalized> JsonInfo => StepOutputContext.Default.ChangelogFinalized;
}
