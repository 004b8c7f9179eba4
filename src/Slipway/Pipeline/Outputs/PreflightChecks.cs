using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What preflight found: why the version should be released, the branch (none on a detached HEAD), and the dirty paths <c>--allow-dirty</c> let through.</summary>
public sealed record PreflightChecks(string Reason, string? Branch, IReadOnlyList<string> DirtyPaths) : IStepOutput<PreflightChecks>
{
    public static JsonTypeInfo<PreflightChecks> JsonInfo => StepOutputContext.Default.PreflightChecks;
}
