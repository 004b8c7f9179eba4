namespace Slipway.Pipeline;

/// <summary>When a step runs (<see cref="Text"/>, shown by <c>slipway plan</c>) and, when it does not, why.</summary>
public sealed record StepCondition(string Text, bool Enabled, string? SkipReason)
{
    public static StepCondition Always { get; } = new("always", true, null);

    public static StepCondition When(string text, bool enabled, string skipReason) =>
        new(text, enabled, enabled ? null : skipReason);
}
