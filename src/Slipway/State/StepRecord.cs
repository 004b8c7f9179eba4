using System.Text.Json.Nodes;

namespace Slipway.State;

/// <summary>
/// A step of a run as journaled. <see cref="Sequence"/> orders steps by when they started, so compensation can undo
/// later steps first. <see cref="Reason"/> says why a step was skipped or what it awaits. <see cref="Lease"/> is the
/// claim a runner holds on it, live or expired, if any.
/// </summary>
public sealed record StepRecord(
    string Name,
    StepStatus Status,
    int Attempt,
    int Sequence,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    JsonObject? Outputs,
    string? Error,
    string? Reason,
    StepLease? Lease = null);
