using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What changelog-render journals for create-release and finalize-changelog: the release notes, the notes file's path (from the repository root) and its new content, and the fragment paths the release consumed.</summary>
public sealed record RenderedChangelog(string Notes, string File, string Content, IReadOnlyList<string> Fragments) : IStepOutput<RenderedChangelog>
{
    public static JsonTypeInfo<RenderedChangelog> JsonInfo => StepOutputContext.Default.RenderedChangelog;
}
