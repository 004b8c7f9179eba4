using System.Collections.Concurrent;
using System.Net;

namespace Slipway.Tests.Infra.Registry;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of the real registry, for what distribution cannot produce: 403s, bursts of 5xx,
/// a PUT that fails for one tag, a registry that rewrites manifests. Every request is logged, so tests can count them.
/// </summary>
public sealed class FaultProxy : LoopbackHttpServer
{
    private static readonly HashSet<string> SkippedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Date", "Server", "Content-Type",
    };

    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private readonly List<Func<ProxiedRequest, ProxiedResponse?>> _rules = [];

    private FaultProxy(Uri target)
    {
        _target = target;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        Serve();
    }

    /// <summary>Every request, as <c>METHOD /path?query</c>, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every request with its headers, in arrival order: what reached this host (credentials included).</summary>
    public ConcurrentQueue<ProxiedRequest> Received { get; } = new();

    /// <summary>Rewrites the Location of forwarded answers (to play a registry that sends uploads to another host).</summary>
    public Func<string, string>? RewriteLocation { get; set; }

    /// <summary>Rewrites a manifest body the registry returns (to play a registry that alters what it stores).</summary>
    public Func<ProxiedRequest, byte[], byte[]>? RewriteManifest { get; set; }

    /// <summary>Requests forwarded to the upstream whose answer is then dropped (the connection reset): a lost response after the upstream stored the request.</summary>
    public Func<ProxiedRequest, bool>? DropResponse { get; set; }

    public static FaultProxy Start(string targetHost) => new(new Uri($"http://{targetHost}/"));

    /// <summary>Adds a rule; the first rule that returns a response answers instead of the registry.</summary>
    public void When(Func<ProxiedRequest, ProxiedResponse?> rule)
    {
        lock (_rules)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests matching <paramref name="match"/> with <paramref name="response"/>.</summary>
    public void Fail(Func<ProxiedRequest, bool> match, ProxiedResponse response, int count = int.MaxValue)
    {
        var remaining = count;
        When(request => match(request) && Interlocked.Decrement(ref remaining) >= 0 ? response : null);
    }

    public void ClearRules()
    {
        lock (_rules)
        {
            _rules.Clear();
        }
    }

    public int Count(string method, string pathContains) =>
        Requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathContains, StringComparison.Ordinal));

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var incoming = context.Request;
        var pathAndQuery = incoming.Url!.PathAndQuery;
        Requests.Enqueue($"{incoming.HttpMethod} {pathAndQuery}");
        var headers = incoming.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => incoming.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var request = new ProxiedRequest(incoming.HttpMethod, pathAndQuery, headers);
        Received.Enqueue(request);
        Func<ProxiedRequest, ProxiedResponse?>[] rules;
        lock (_rules)
        {
            rules = [.. _rules];
        }

        foreach (var rule in rules)
        {
            if (rule(request) is { } canned)
            {
                using var drain = new MemoryStream();
                await incoming.InputStream.CopyToAsync(drain);
                await WriteAsync(context.Response, canned.Status, canned.ContentType, System.Text.Encoding.UTF8.GetBytes(canned.Body), canned.Headers, incoming.HttpMethod);
                return;
            }
        }

        using var forward = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), new Uri(_target, pathAndQuery));
        if (incoming.HasEntityBody)
        {
            var body = new MemoryStream();
            await incoming.InputStream.CopyToAsync(body);
            body.Position = 0;
            forward.Content = new StreamContent(body);
        }

        foreach (var (key, value) in headers)
        {
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(key, value))
            {
                forward.Content?.Headers.TryAddWithoutValidation(key, value);
            }
        }

        // distribution builds Location URLs from the Host header: keep them pointing at the proxy.
        forward.Headers.Host = Host;
        using var response = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseContentRead);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (DropResponse?.Invoke(request) == true)
        {
            context.Response.Abort();
            return;
        }

        if (RewriteManifest is not null && incoming.HttpMethod == "GET" && pathAndQuery.Contains("/manifests/", StringComparison.Ordinal) && response.IsSuccessStatusCode)
        {
            bytes = RewriteManifest(request, bytes);
        }

        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .Where(h => !SkippedResponseHeaders.Contains(h.Key))
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        if (RewriteLocation is not null && responseHeaders.TryGetValue("Location", out var location))
        {
            responseHeaders["Location"] = RewriteLocation(location);
        }

        var length = incoming.HttpMethod == "HEAD" ? response.Content.Headers.ContentLength : null;
        await WriteAsync(context.Response, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), bytes, responseHeaders, incoming.HttpMethod, length);
    }

    private static async Task WriteAsync(
        HttpListenerResponse response, int status, string? contentType, byte[] body, IReadOnlyDictionary<string, string>? headers, string method, long? headLength = null)
    {
        response.StatusCode = status;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[key] = value;
        }

        if (method == "HEAD")
        {
            response.ContentLength64 = headLength ?? body.Length;
        }
        else
        {
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }

        response.Close();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _upstream.Dispose();
        }
    }
}
