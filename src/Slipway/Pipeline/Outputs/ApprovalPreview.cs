using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What approving will do, read from the registry as the run began to wait: each release tag, from which digest to which.</summary>
public sealed record ApprovalPreview(IReadOnlyList<PendingTagMove> Tags, DateTimeOffset ReadAt) : IStepOutput<ApprovalPreview>
{
    public static JsonTypeInfo<ApprovalPreview> JsonInfo => StepOutputContext.Default.ApprovalPreview;
}
