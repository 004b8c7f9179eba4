using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>Who approved the run, and when, and what the approver was shown approving would do to the release tags.</summary>
public sealed record ApprovalRecord(string? ApprovedBy, DateTimeOffset ApprovedAt, IReadOnlyList<PendingTagMove>? Tags = null) : IStepOutput<ApprovalRecord>
{
    public static JsonTypeInfo<ApprovalRecord> JsonInfo => StepOutputContext.Default.ApprovalRecord;
}
