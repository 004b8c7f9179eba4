namespace Slipway.Pipeline;

/// <summary>A step as <c>slipway plan</c> shows it: its name, what it waits for, and the condition that enables it.</summary>
public sealed record PlannedStep(string Name, IReadOnlyList<string> DependsOn, string Condition, bool Enabled, string Description);
