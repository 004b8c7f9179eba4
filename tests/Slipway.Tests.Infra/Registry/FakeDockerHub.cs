using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Slipway.Tests.Infra.Registry;

/// <summary>
/// Docker Hub's account API as its documentation describes it, for what cannot be reached from here:
/// <c>POST /v2/users/login</c> with <c>{"username","password"}</c> answers <c>{"token"}</c>;
/// <c>DELETE /v2/repositories/{namespace}/{repository}/tags/{tag}/</c> with <c>Authorization: Bearer TOKEN</c> answers 204.
/// Anything else is answered 400 and recorded, so a test sees exactly what was sent.
/// </summary>
public sealed class FakeDockerHub : LoopbackHttpServer
{
    private readonly string _username;
    private readonly string _password;
    private readonly string _token = "hub-jwt-" + Guid.NewGuid().ToString("N");

    private FakeDockerHub(string username, string password, IEnumerable<string> tags)
    {
        _username = username;
        _password = password;
        foreach (var tag in tags)
        {
            Tags[tag] = true;
        }

        Serve();
    }

    /// <summary><c>namespace/repository:tag</c> entries that exist.</summary>
    public ConcurrentDictionary<string, bool> Tags { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Requests { get; } = new();

    public static FakeDockerHub Start(string username, string password, params string[] tags) => new(username, password, tags);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue($"{request.HttpMethod} {path} {request.Headers["Authorization"]}");
        if (request.HttpMethod == "POST" && path == "/v2/users/login")
        {
            if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
            {
                await WriteJsonAsync(context.Response, 415, """{"detail":"Unsupported media type"}""");
                return;
            }

            using var body = await JsonDocument.ParseAsync(request.InputStream);
            var ok = body.RootElement.TryGetProperty("username", out var u) && u.GetString() == _username
                && body.RootElement.TryGetProperty("password", out var p) && p.GetString() == _password;
            await WriteJsonAsync(
                context.Response,
                ok ? 200 : 401,
                ok ? $$"""{"token":"{{_token}}"}""" : """{"detail":"Incorrect authentication credentials"}""");
            return;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (request.HttpMethod == "DELETE" && path.EndsWith('/') && parts is ["v2", "repositories", var ns, var repository, "tags", var tag])
        {
            if (request.Headers["Authorization"] != $"Bearer {_token}")
            {
                await WriteJsonAsync(context.Response, 401, """{"detail":"Authentication credentials were not provided."}""");
                return;
            }

            var status = Tags.TryRemove($"{ns}/{repository}:{tag}", out _) ? 204 : 404;
            context.Response.StatusCode = status;
            context.Response.Close();
            return;
        }

        await WriteJsonAsync(context.Response, 400, """{"detail":"not a request Docker Hub's API documents"}""");
    }
}
