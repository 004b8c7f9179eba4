using System.Net;
using System.Text;

namespace Slipway.Tests.Packages.PyPI;

/// <summary>Answers each request with the next scripted function; records every request with its body read.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _answer;

    public ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = answer;

    public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

    public int Count(HttpMethod method) => Requests.Count(r => r.Request.Method == method);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request, body));
        }

        var response = _answer(request);
        response.RequestMessage ??= request;
        return response;
    }

    public static HttpResponseMessage Status(int status, string? reason = null, string body = "") =>
        new((HttpStatusCode)status) { ReasonPhrase = reason, Content = new StringContent(body, Encoding.UTF8) };

    public static HttpResponseMessage Release(params (string FileName, string Sha256, DateTimeOffset Uploaded)[] files)
    {
        var urls = string.Join(",", files.Select(f =>
            $$"""{"filename":"{{f.FileName}}","digests":{"sha256":"{{f.Sha256}}","blake2b_256":"x","md5":"y"},"upload_time_iso_8601":"{{f.Uploaded:yyyy-MM-ddTHH:mm:ss.ffffffZ}}"}"""));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"info":{"name":"demo","version":"1.0"},"urls":[{{urls}}]}""", Encoding.UTF8, "application/json"),
        };
    }
}
