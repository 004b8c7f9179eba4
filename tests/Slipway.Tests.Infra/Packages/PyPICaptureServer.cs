using System.Net;
using Slipway.Tests.Infra.Registry;

namespace Slipway.Tests.Infra.Packages;

/// <summary>
/// A local stand-in for PyPI's legacy upload endpoint (no PyPI server can run here): it records every request whole and
/// answers 200, or what <see cref="Answer"/> says, with PyPI's habit of putting the message in the reason phrase.
/// </summary>
public sealed class PyPICaptureServer : LoopbackHttpServer
{
    private readonly List<CapturedUpload> _requests = [];

    public PyPICaptureServer() => Serve();

    /// <summary>Status and reason phrase for a request; null answers 200 OK.</summary>
    public Func<CapturedUpload, (int Status, string Reason)?>? Answer { get; set; }

    public Uri UploadUrl => new(BaseUri, "legacy/");

    public IReadOnlyList<CapturedUpload> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Clear()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var captured = new CapturedUpload(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray());
        lock (_requests)
        {
            _requests.Add(captured);
        }

        var (status, reason) = Answer?.Invoke(captured) ?? (200, "OK");
        context.Response.StatusCode = status;
        context.Response.StatusDescription = reason;
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }
}
