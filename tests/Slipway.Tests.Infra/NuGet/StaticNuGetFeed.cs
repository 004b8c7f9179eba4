using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Slipway.Tests.Infra.Registry;

namespace Slipway.Tests.Infra.NuGet;

/// <summary>
/// A static NuGet v3 feed on 127.0.0.1: the service index (<c>/v3/index.json</c> naming PackagePublish and
/// PackageBaseAddress), the flat container <c>dotnet restore</c> reads, and a push endpoint that records every request
/// as it arrived (for the differential test against <c>dotnet nuget push</c>) and stores the package it carries:
/// 201 once, 409 for a version it holds, as nuget.org answers.
/// </summary>
public sealed class StaticNuGetFeed : LoopbackHttpServer
{
    public const string ApiKey = "nuget-test-api-key";
    private readonly ConcurrentDictionary<string, byte[]> _packages = new(StringComparer.Ordinal);

    private StaticNuGetFeed() => Serve();

    public Uri Index => new(BaseUri, "v3/index.json");

    public ConcurrentQueue<CapturedPush> Pushes { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Pushes answered by dropping the connection after the package was stored.</summary>
    public int DropNextPushAnswers { get; set; }

    public static StaticNuGetFeed Start() => new();

    /// <summary>Puts a package in the flat container directly (another party published it).</summary>
    public void Store(string id, string version, byte[] package) => _packages[$"{id.ToLowerInvariant()}/{version.ToLowerInvariant()}"] = package;

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue($"{request.HttpMethod} {path}");
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        if (request.HttpMethod == "GET" && path == "/v3/index.json")
        {
            await WriteJsonAsync(context.Response, 200, $$"""
                {"version":"3.0.0","resources":[
                  {"@id":"{{BaseUri}}api/v2/package","@type":"PackagePublish/2.0.0"},
                  {"@id":"{{BaseUri}}v3-flatcontainer/","@type":"PackageBaseAddress/3.0.0"}
                ]}
                """);
            return;
        }

        if (request.HttpMethod == "PUT" && path.TrimEnd('/') == "/api/v2/package")
        {
            var headers = request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var push = CapturedPush.Parse(request.HttpMethod, path, headers, body.ToArray());
            Pushes.Enqueue(push);
            if (!string.Equals(headers.GetValueOrDefault("X-NuGet-ApiKey"), ApiKey, StringComparison.Ordinal))
            {
                await WriteJsonAsync(context.Response, 403, "{}");
                return;
            }

            var (id, version) = Identity(push.Package);
            var key = $"{id.ToLowerInvariant()}/{version.ToLowerInvariant()}";
            if (!_packages.TryAdd(key, push.Package))
            {
                await WriteJsonAsync(context.Response, 409, "{}");
                return;
            }

            if (DropNextPushAnswers > 0)
            {
                DropNextPushAnswers--;
                context.Response.Abort();
                return;
            }

            await WriteJsonAsync(context.Response, 201, "{}");
            return;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (request.HttpMethod == "GET" && parts is ["v3-flatcontainer", var pid, "index.json"])
        {
            var versions = _packages.Keys.Where(k => k.StartsWith(pid + "/", StringComparison.Ordinal)).Select(k => $"\"{k[(pid.Length + 1)..]}\"");
            await WriteJsonAsync(context.Response, versions.Any() ? 200 : 404, $$"""{"versions":[{{string.Join(",", versions)}}]}""");
            return;
        }

        if (request.HttpMethod == "GET" && parts is ["v3-flatcontainer", var fid, var fversion, _] && _packages.TryGetValue($"{fid}/{fversion}", out var bytes))
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
            return;
        }

        await WriteJsonAsync(context.Response, 404, "{}");
    }

    private static (string Id, string Version) Identity(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package));
        var nuspec = zip.Entries.First(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().First(e => e.Name.LocalName == "metadata");
        return (metadata.Elements().First(e => e.Name.LocalName == "id").Value, metadata.Elements().First(e => e.Name.LocalName == "version").Value);
    }
}
