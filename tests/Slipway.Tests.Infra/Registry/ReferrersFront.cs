using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Slipway.Tests.Infra.Registry;

/// <summary>
/// A front on 127.0.0.1 before the real registry (Debian's distribution 2.8 has no referrers API) that adds the OCI 1.1
/// referrers API: it forwards every request with its headers, credentials and streamed bodies, answers
/// <c>GET /v2/NAME/referrers/DIGEST</c> itself (with the <c>artifactType</c> filter and <c>OCI-Filters-Applied</c>), and
/// answers a manifest PUT whose body names a subject with <c>OCI-Subject</c> (distribution-spec "Pushing Manifests with
/// Subject", "Listing Referrers"). It learns the subjects from the manifest PUTs it forwards and forgets a manifest
/// deleted through it: the state is in memory, so it only knows what was pushed through this instance.
/// </summary>
public sealed partial class ReferrersFront : LoopbackHttpServer
{
    private const int MaxManifestSize = 4 * 1024 * 1024;
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";

    private static readonly HashSet<string> SkippedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Date", "Server", "Content-Type",
    };

    private static readonly HashSet<string> SkippedRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Expect",
    };

    private readonly HttpClient _upstream;
    private readonly Uri _target;

    // (repository, subject digest) -> referrer digest -> its descriptor.
    private readonly ConcurrentDictionary<(string Repository, string Subject), ConcurrentDictionary<string, JsonObject>> _referrers = new();

    private ReferrersFront(Uri target)
    {
        _target = target;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
        Serve();
    }

    /// <summary>Every request, as <c>METHOD /path?query</c>, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When set, a listing answers this many descriptors a page and links the next (spec.md allows a registry to paginate).</summary>
    public int? PageSize { get; set; }

    /// <summary>How a listing's <c>Link</c> behaves: <see cref="ReferrersPaging.Honest"/> unless a test wants a misbehaving registry.</summary>
    public ReferrersPaging Paging { get; set; }

    public static ReferrersFront Start(string targetHost) => new(new Uri($"http://{targetHost}/"));

    public int Count(string method, string pathContains) =>
        Requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathContains, StringComparison.Ordinal));

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var incoming = context.Request;
        var path = incoming.Url!.AbsolutePath;
        Requests.Enqueue($"{incoming.HttpMethod} {incoming.Url.PathAndQuery}");
        if (incoming.HttpMethod is "GET" or "HEAD" && ReferrersPath().Match(path) is { Success: true } listing)
        {
            await ListReferrersAsync(context, listing.Groups["name"].Value, listing.Groups["digest"].Value);
            return;
        }

        var manifest = ManifestPath().Match(path);
        byte[]? body = null;
        if (incoming.HttpMethod == "PUT" && manifest.Success)
        {
            body = await ReadBoundedAsync(incoming.InputStream);
        }

        using var forward = Forward(incoming, body);
        using var response = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead);
        string? subject = null;
        if (body is not null && response.StatusCode == HttpStatusCode.Created && Describe(body, incoming.ContentType) is { } learned)
        {
            subject = learned.Subject;
            _referrers.GetOrAdd((manifest.Groups["name"].Value, learned.Subject), _ => new())[learned.Descriptor["digest"]!.GetValue<string>()] = learned.Descriptor;
        }

        if (incoming.HttpMethod == "DELETE" && manifest.Success && response.IsSuccessStatusCode)
        {
            foreach (var ((repository, _), entries) in _referrers)
            {
                if (repository == manifest.Groups["name"].Value)
                {
                    entries.TryRemove(manifest.Groups["reference"].Value, out _);
                }
            }
        }

        await RelayAsync(context.Response, response, incoming.HttpMethod, subject);
    }

    private HttpRequestMessage Forward(HttpListenerRequest incoming, byte[]? body)
    {
        var forward = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), new Uri(_target, incoming.Url!.PathAndQuery));
        if (body is not null)
        {
            forward.Content = new ByteArrayContent(body);
        }
        else if (incoming.HasEntityBody)
        {
            // Blob uploads stream through: the front never holds a layer in memory.
            forward.Content = new StreamContent(incoming.InputStream);
            if (incoming.ContentLength64 >= 0)
            {
                forward.Content.Headers.ContentLength = incoming.ContentLength64;
            }
        }

        foreach (var key in incoming.Headers.AllKeys.OfType<string>().Where(k => !SkippedRequestHeaders.Contains(k)))
        {
            var value = incoming.Headers[key] ?? string.Empty;
            if (!forward.Headers.TryAddWithoutValidation(key, value))
            {
                forward.Content?.Headers.TryAddWithoutValidation(key, value);
            }
        }

        // distribution builds Location URLs from the Host header: keep them pointing at the front.
        forward.Headers.Host = Host;
        return forward;
    }

    private static async Task RelayAsync(HttpListenerResponse output, HttpResponseMessage response, string method, string? subject)
    {
        output.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } type)
        {
            output.ContentType = type.ToString();
        }

        foreach (var (key, values) in response.Headers.Concat(response.Content.Headers).Where(h => !SkippedResponseHeaders.Contains(h.Key)))
        {
            output.Headers[key] = string.Join(", ", values);
        }

        if (subject is not null)
        {
            output.Headers["OCI-Subject"] = subject;
        }

        if (response.Content.Headers.ContentLength is { } length)
        {
            output.ContentLength64 = length;
        }

        if (method != "HEAD")
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.CopyToAsync(output.OutputStream);
        }

        output.Close();
    }

    private async Task ListReferrersAsync(HttpListenerContext context, string repository, string subject)
    {
        // A listing needs the same pull access as the repository: ask the registry with the caller's credentials first.
        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(_target, $"/v2/{repository}/tags/list"));
        foreach (var key in context.Request.Headers.AllKeys.OfType<string>().Where(k => k.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            probe.Headers.TryAddWithoutValidation(key, context.Request.Headers[key]);
        }

        using var access = await _upstream.SendAsync(probe, HttpCompletionOption.ResponseHeadersRead);
        if (access.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            await RelayAsync(context.Response, access, context.Request.HttpMethod, null);
            return;
        }

        var artifactType = context.Request.QueryString["artifactType"];
        var entries = _referrers.TryGetValue((repository, subject), out var known)
            ? known.Values.Where(d => artifactType is null || d["artifactType"]?.GetValue<string>() == artifactType).OrderBy(d => d["digest"]!.GetValue<string>(), StringComparer.Ordinal)
            : Enumerable.Empty<JsonObject>();
        var all = entries.ToList();
        var page = int.TryParse(context.Request.QueryString["page"], out var number) ? number : 0;
        var size = PageSize ?? Math.Max(all.Count, 1);
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciIndex,
            ["manifests"] = new JsonArray([.. all.Skip(page * size).Take(size).Select(e => e.DeepClone())]),
        };
        var bytes = System.Text.Encoding.UTF8.GetBytes(index.ToJsonString());
        var response = context.Response;
        var following = Paging switch
        {
            // Page 2 links back to page 1: the loop starts after the first page, so no URL normalisation hides it.
            ReferrersPaging.LoopsBack => page >= 2 ? 1 : page + 1,
            ReferrersPaging.Endless => page + 1,
            _ => (page + 1) * size < all.Count ? page + 1 : (int?)null,
        };
        if (following is { } nextPage)
        {
            var filter = artifactType is null ? string.Empty : "artifactType=" + Uri.EscapeDataString(artifactType) + "&";
            response.Headers["Link"] = $"</v2/{repository}/referrers/{subject}?{filter}page={nextPage}>; rel=\"next\"";
        }

        response.StatusCode = 200;
        response.ContentType = OciIndex;
        if (artifactType is not null)
        {
            response.Headers["OCI-Filters-Applied"] = "artifactType";
        }

        response.ContentLength64 = bytes.Length;
        if (context.Request.HttpMethod == "GET")
        {
            await response.OutputStream.WriteAsync(bytes);
        }

        response.Close();
    }

    /// <summary>The subject a manifest names and the descriptor a referrers listing gives it (spec.md "Listing Referrers").</summary>
    private static (string Subject, JsonObject Descriptor)? Describe(byte[] body, string? contentType)
    {
        JsonObject? manifest;
        try
        {
            manifest = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (manifest?["subject"]?["digest"] is not JsonValue subject || subject.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var descriptor = new JsonObject
        {
            ["mediaType"] = manifest["mediaType"]?.DeepClone() ?? contentType,
            ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)),
            ["size"] = body.Length,
        };
        var artifactType = manifest["artifactType"] ?? manifest["config"]?["mediaType"];
        if (artifactType is not null)
        {
            descriptor["artifactType"] = artifactType.DeepClone();
        }

        if (manifest["annotations"] is JsonObject annotations)
        {
            descriptor["annotations"] = annotations.DeepClone();
        }

        return (subject.GetValue<string>(), descriptor);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream input)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxManifestSize)
            {
                throw new IOException($"manifest above {MaxManifestSize} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [GeneratedRegex("^/v2/(?<name>.+)/referrers/(?<digest>[a-z0-9]+:[a-f0-9]+)$")]
    private static partial Regex ReferrersPath();

    [GeneratedRegex("^/v2/(?<name>.+)/manifests/(?<reference>[^/]+)$")]
    private static partial Regex ManifestPath();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _upstream.Dispose();
        }
    }
}
