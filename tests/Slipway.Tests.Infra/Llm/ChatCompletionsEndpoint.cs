using System.Collections.Concurrent;
using System.Net;
using Slipway.Tests.Infra.Registry;

namespace Slipway.Tests.Infra.Llm;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on a free 127.0.0.1 port (<c>POST /v1/chat/completions</c>) that
/// answers from a script, in order, and records every request. Past the script it answers 500.
/// </summary>
public sealed class ChatCompletionsEndpoint : LoopbackHttpServer
{
    private readonly ConcurrentQueue<ScriptedReply> _script;

    public ChatCompletionsEndpoint(params ScriptedReply[] script)
    {
        _script = new ConcurrentQueue<ScriptedReply>(script);
        Serve();
    }

    /// <summary>The base URL a <c>[notes.ai] endpoint</c> names.</summary>
    public string Endpoint => $"http://{Host}/v1";

    public ConcurrentQueue<RecordedChatRequest> Requests { get; } = new();

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new RecordedChatRequest(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body));
        if (context.Request.HttpMethod != "POST" || context.Request.Url.AbsolutePath != "/v1/chat/completions")
        {
            await WriteJsonAsync(context.Response, 404, """{"error":{"message":"not found"}}""");
            return;
        }

        var reply = _script.TryDequeue(out var next) ? next : ScriptedReply.Error(500, "no scripted reply left");
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay);
        }

        await WriteJsonAsync(context.Response, reply.Status, reply.Body);
    }
}
