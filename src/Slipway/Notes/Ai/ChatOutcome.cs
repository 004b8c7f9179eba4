namespace Slipway.Notes.Ai;

/// <summary>The text a chat completion answered, or why there is none (said as a warning, never thrown).</summary>
public sealed record ChatOutcome(string? Text, string? Failure);
