using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Slipway.Tests.Oci;

/// <summary>
/// Plays every host the client talks to (registry, token realm, storage) in process, and records what each request
/// carried. HTTPS hosts need no certificate this way; nothing follows redirects but the client itself.
/// </summary>
public sealed class RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IEnumerable<RecordedRequest> To(string origin) =>
        Requests.Where(r => r.Origin.Equals(origin, StringComparison.OrdinalIgnoreCase));

    public static HttpResponseMessage Status(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Json(string body, params (string Name, string Value)[] headers)
    {
        var response = Status(HttpStatusCode.OK, headers);
        response.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return response;
    }

    /// <summary>A 200 whose body is <paramref name="length"/> bytes produced as they are read, without a Content-Length.</summary>
    public static HttpResponseMessage Endless(long length, string mediaType = "application/json")
    {
        var response = Status(HttpStatusCode.OK);
        response.Content = new StreamContent(new LazyBodyStream(length));
        response.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // As a socket would: a client that loops over answers must still be stoppable.
        cancellationToken.ThrowIfCancellationRequested();
        Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString()));
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        }

        var response = answer(request);
        response.RequestMessage = request;
        return response;
    }
}
