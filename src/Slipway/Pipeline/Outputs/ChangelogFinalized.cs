using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// The post-release branch finalize-changelog pushed, whether this run pushed it, and the pull request opened or
/// updated from it on a forge with pull requests (absent in journals written before Slipway opened one).
/// </summary>
public sealed record ChangelogFinalized(string Branch, string Commit, bool Created, long? PullRequest = null, string? PullRequestUrl = null) : IStepOutput<ChangelogFinalized>
{
    public static JsonTypeInfo<ChangelogFinalized> JsonInfo => StepOutputContext.Default.ChangelogFinalized;
}
