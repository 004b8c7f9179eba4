namespace Slipway.Notes.Ai;

public sealed record ChatChoice(ChatReplyMessage? Message, string? FinishReason);
