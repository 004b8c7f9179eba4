namespace Slipway.Notes.Ai;

/// <summary>One message of a chat completions request.</summary>
public sealed record ChatMessage(string Role, string Content);
