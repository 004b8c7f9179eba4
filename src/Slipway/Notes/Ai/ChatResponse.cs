namespace Slipway.Notes.Ai;

/// <summary>The part of a chat completions response Slipway reads: the choices and the model that answered.</summary>
public sealed record ChatResponse(IReadOnlyList<ChatChoice>? Choices, string? Model);
