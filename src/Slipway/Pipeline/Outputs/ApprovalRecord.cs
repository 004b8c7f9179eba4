using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>Who approved the run, and when.</summary>
public sealed record ApprovalRecord(string? ApprovedBy, DateTimeOffset ApprovedAt) : IStepOutput<ApprovalRecord>
{
    public static JsonTypeInfo<ApprovalRecord> JsonInfo => StepOutputContext.Default.ApprovalRecord;
}
