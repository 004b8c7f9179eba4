namespace Slipway.State;

/// <summary>An entry of a run's append-only event log: approvals, rejections, compensation actions, forced resumes.</summary>
public sealed record RunEvent(long Id, DateTimeOffset At, string Kind, string? Actor, string? Step, string? Detail);
