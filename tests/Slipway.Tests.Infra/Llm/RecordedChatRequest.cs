using System.Text.Json;

namespace Slipway.Tests.Infra.Llm;

/// <summary>A request <see cref="ChatCompletionsEndpoint"/> received: its path, Authorization header and JSON body.</summary>
public sealed record RecordedChatRequest(string Path, string? Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Model => Json.GetProperty("model").GetString()!;

    public string Message(string role) =>
        Json.GetProperty("messages").EnumerateArray().First(m => m.GetProperty("role").GetString() == role).GetProperty("content").GetString()!;
}
