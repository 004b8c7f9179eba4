namespace Slipway.Notes.Ai;

/// <summary>The body of <c>POST /chat/completions</c> as every OpenAI-compatible server takes it (snake_case on the wire).</summary>
public sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, double? Temperature, int? MaxTokens, bool Stream);
