namespace Slipway.Notes.Ai;

/// <summary>
/// The message of a choice. Reasoning models answer in <c>content</c> and think in <c>reasoning_content</c> (vLLM,
/// DeepSeek, llama.cpp) or <c>reasoning</c> (OpenRouter, Ollama); some leave <c>content</c> empty and put the answer there.
/// </summary>
public sealed record ChatReplyMessage(string? Content, string? ReasoningContent, string? Reasoning);
