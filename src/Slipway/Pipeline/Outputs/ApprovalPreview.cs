using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.Pipeline.Outputs;

/// <summary>What approving will do, read from the registry as the run began to wait: each release tag, from which digest to which.</summary>
public sealed record ApprovalPreview(IReadOnlyList<PendingTagMove> Tags, DateTimeOffset ReadAt) : IStepOutput<ApprovalPreview>
{
    public static JsonTypeInfo<ApprovalPreview> JsonInfo => StepOutputContext.Default.ApprovalPreview;

    /// <summary>
    /// The tag moves the approval step journaled: its preview while it waits, or what the approval recorded as shown;
    /// none for a run whose approval step never read them (no images, or journaled by an older version).
    /// </summary>
    public static IReadOnlyList<PendingTagMove> Journaled(IEnumerable<StepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.FirstOrDefault(s => s.Name == StepNames.Approval)?.Outputs is not { Count: > 0 } outputs)
        {
            return [];
        }

        try
        {
            var copy = (JsonObject)outputs.DeepClone();
            return copy.ContainsKey("approvedAt")
                ? StepOutputJson.Read<ApprovalRecord>(copy, StepNames.Approval).Tags ?? []
                : StepOutputJson.Read<ApprovalPreview>(copy, StepNames.Approval).Tags;
        }
        catch (SlipwayException)
        {
            return [];
        }
    }
}
