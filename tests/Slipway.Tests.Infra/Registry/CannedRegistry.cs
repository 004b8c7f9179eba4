using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Slipway.Tests.Infra.Registry;

/// <summary>
/// A registry played by one function on 127.0.0.1: every request (with its headers) is recorded and answered by
/// <see cref="Answer"/>, for answers no real registry gives (hostile pagination, huge bodies, broken token answers).
/// </summary>
public sealed class CannedRegistry : LoopbackHttpServer
{
    private CannedRegistry(Func<ProxiedRequest, ProxiedResponse> answer)
    {
        Answer = answer;
        Serve();
    }

    public Func<ProxiedRequest, ProxiedResponse> Answer { get; set; }

    public ConcurrentQueue<ProxiedRequest> Received { get; } = new();

    public static CannedRegistry Start(Func<ProxiedRequest, ProxiedResponse> answer) => new(answer);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var incoming = context.Request;
        var headers = incoming.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => incoming.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var request = new ProxiedRequest(incoming.HttpMethod, incoming.Url!.PathAndQuery, headers);
        Received.Enqueue(request);
        await incoming.InputStream.CopyToAsync(Stream.Null);
        var canned = Answer(request);
        var response = context.Response;
        response.StatusCode = canned.Status;
        response.ContentType = canned.ContentType;
        foreach (var (key, value) in canned.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[key] = value;
        }

        var body = Encoding.UTF8.GetBytes(canned.Body);
        response.ContentLength64 = body.Length;
        if (incoming.HttpMethod != "HEAD")
        {
            await response.OutputStream.WriteAsync(body);
        }

        response.Close();
    }
}
