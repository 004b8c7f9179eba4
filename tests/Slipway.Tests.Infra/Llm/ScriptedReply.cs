namespace Slipway.Tests.Infra.Llm;

/// <summary>One answer of <see cref="ChatCompletionsEndpoint"/>: a status, a JSON body, and how long to wait first.</summary>
public sealed record ScriptedReply(int Status, string Body, TimeSpan Delay)
{
    /// <summary>A chat completion whose message has <paramref name="content"/> and, when given, <paramref name="reasoning"/> as reasoning_content.</summary>
    public static ScriptedReply Completion(string content, string? reasoning = null, string model = "scripted-model") =>
        new(200, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion",
            ["model"] = model,
            ["choices"] = new object[]
            {
                new Dictionary<string, object?>
                {
                    ["index"] = 0,
                    ["finish_reason"] = "stop",
                    ["message"] = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = content, ["reasoning_content"] = reasoning },
                },
            },
        }), TimeSpan.Zero);

    public static ScriptedReply Error(int status, string message) =>
        new(status, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["error"] = new Dictionary<string, string> { ["message"] = message, ["type"] = "server_error" } }), TimeSpan.Zero);

    public static ScriptedReply Slow(TimeSpan delay) => Completion("too late") with { Delay = delay };
}
