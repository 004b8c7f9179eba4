using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Slipway.Oci;

namespace Slipway.Forges.GitHub;

/// <summary>
/// A small typed client of GitHub's REST API for exactly the endpoints Slipway uses (Octokit is not trim-safe and
/// lacks <c>digest</c> and <c>immutable</c>). One place sends: it paginates by <c>Link</c>, waits out primary and
/// secondary rate limits, retries 5xx only for idempotent calls, caps every answer while reading, maps errors once
/// (status, <c>message</c>, <c>errors[]</c>) and sends the token only to the API and upload hosts.
/// </summary>
public sealed partial class GitHubClient : IDisposable
{
    private const string ApiVersion = "2022-11-28";

    private const int ErrorBodyLimit = 64 * 1024;

    private readonly GitHubClientOptions _options;
    private readonly HttpClient _http;

    public GitHubClient(GitHubClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = options.Handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
            : new HttpClient(options.Handler, disposeHandler: false);
        _http.Timeout = options.RequestTimeout;
    }

    public GitHubRepository Repository => _options.Repository;

    private string RepoPath => $"repos/{Uri.EscapeDataString(_options.Repository.Owner)}/{Uri.EscapeDataString(_options.Repository.Name)}";

    public void Dispose() => _http.Dispose();

    private Uri Api(string relative) => new(_options.ApiUrl, relative);

    private async Task<T> SendJsonAsync<T>(HttpMethod method, Uri url, Func<HttpContent?> content, bool idempotent, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, url, content, idempotent, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadJsonAsync(response, type, cancellationToken);
    }

    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> type) =>
        new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };

    /// <summary>Every item of a paginated list, following <c>Link: rel="next"</c> up to <see cref="GitHubClientOptions.MaxPages"/>.</summary>
    private async Task<List<T>> ListAsync<T>(string relative, JsonTypeInfo<List<T>> type, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        Uri? url = Api(relative);
        for (var page = 0; url is not null; page++)
        {
            if (page == _options.MaxPages)
            {
                throw ForgeErrors.TooManyPages(Api(relative), _options.MaxPages);
            }

            using var response = await SendAsync(HttpMethod.Get, url, static () => null, idempotent: true, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            items.AddRange(await ReadJsonAsync(response, type, cancellationToken));
            url = NextPage(response);
        }

        return items;
    }

    private Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in string.Join(',', values).Split(','))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts[0].StartsWith('<') && parts[0].EndsWith('>')
                && parts.Skip(1).Any(p => p.Replace(" ", string.Empty, StringComparison.Ordinal) == "rel=\"next\""))
            {
                var next = new Uri(parts[0][1..^1], UriKind.RelativeOrAbsolute);
                next = next.IsAbsoluteUri ? next : new Uri(_options.ApiUrl, next);
                return IsOwnHost(next) ? next : throw ForgeErrors.ForeignHost(next, _options.ApiUrl);
            }
        }

        return null;
    }

    private bool IsOwnHost(Uri url) =>
        SameAuthority(url, _options.ApiUrl) || SameAuthority(url, _options.UploadUrl);

    private static bool SameAuthority(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    /// <summary>
    /// Sends one request, waiting out rate limits (any method: a rate-limited request was not processed) and retrying
    /// 5xx and dropped connections for idempotent methods only. The content is built anew for each attempt.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, Func<HttpContent?> content, bool idempotent, CancellationToken cancellationToken)
    {
        if (!IsOwnHost(url))
        {
            throw ForgeErrors.ForeignHost(url, _options.ApiUrl);
        }

        var attempts = 0;
        var limited = 0;
        while (true)
        {
            attempts++;
            using var request = new HttpRequestMessage(method, url) { Content = content() };
            request.Headers.Accept.ParseAdd("application/vnd.github+json");
            request.Headers.UserAgent.ParseAdd("slipway");
            request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
            if (_options.Token is { Length: > 0 } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            _options.OnRequest?.Invoke(request);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (idempotent && attempts < _options.MaxAttempts)
                {
                    await DelayAsync(Backoff(attempts), cancellationToken);
                    continue;
                }

                throw ForgeErrors.Unreachable(method, url, e.Message);
            }

            if (RateLimitWait(response) is { } wait && limited < _options.MaxRateLimitRetries)
            {
                response.Dispose();
                if (wait > _options.MaxRateLimitWait)
                {
                    throw ForgeErrors.RateLimited(method, url, wait, _options.MaxRateLimitWait);
                }

                limited++;
                await DelayAsync(wait, cancellationToken);
                continue;
            }

            if ((int)response.StatusCode >= 500 && idempotent && attempts < _options.MaxAttempts)
            {
                response.Dispose();
                await DelayAsync(Backoff(attempts), cancellationToken);
                continue;
            }

            return response;
        }
    }

    private TimeSpan Backoff(int attempt) => _options.RetryDelay * Math.Pow(2, attempt - 1);

    private Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _options.Time, cancellationToken);

    /// <summary>
    /// GitHub's rate limits: a secondary limit is 403/429 with <c>Retry-After</c>; a primary one is 403/429 with
    /// <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c> (epoch seconds). Anything else is a real 403.
    /// </summary>
    private TimeSpan? RateLimitWait(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var delta = retryAfter.Delta ?? (retryAfter.Date - _options.Time.GetUtcNow()) ?? TimeSpan.Zero;
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (Header(response, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - _options.Time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait + TimeSpan.FromSeconds(1);
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.FromMinutes(1) : null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var request = response.RequestMessage!;
        if (response.Content.Headers.ContentLength > _options.MaxAnswerBytes)
        {
            throw ForgeErrors.AnswerTooLarge(request.Method, request.RequestUri!, _options.MaxAnswerBytes);
        }

        byte[] bytes;
        try
        {
            bytes = await BoundedContent.ReadTruncatedAsync(response, _options.MaxAnswerBytes + 1, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw ForgeErrors.Unreachable(request.Method, request.RequestUri!, e.Message);
        }

        if (bytes.Length > _options.MaxAnswerBytes)
        {
            throw ForgeErrors.AnswerTooLarge(request.Method, request.RequestUri!, _options.MaxAnswerBytes);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw ForgeErrors.AnswerInvalid(request.Method, request.RequestUri!, "null");
        }
        catch (JsonException e)
        {
            throw ForgeErrors.AnswerInvalid(request.Method, request.RequestUri!, e.Message);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await ReadErrorAsync(response, cancellationToken);
        throw error.ToException();
    }

    private static async Task<GitHubError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await BoundedContent.ReadTruncatedAsync(response, ErrorBodyLimit, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The status says enough when the body broke off.
            bytes = [];
        }

        GitHubErrorBody? body = null;
        try
        {
            body = JsonSerializer.Deserialize(bytes, GitHubJson.Default.GitHubErrorBody);
        }
        catch (JsonException)
        {
        }

        var request = response.RequestMessage!;
        var codes = new List<string>();
        var details = new List<string>();
        foreach (var item in body?.Errors ?? [])
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                details.Add(item.GetString()!);
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                var code = item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "invalid";
                codes.Add(code);
                var field = item.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                var message = item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                details.Add(message ?? (field is null ? code : $"{field} {code}"));
            }
        }

        var text = body?.Message ?? (bytes.Length == 0 ? response.ReasonPhrase ?? "no message" : Printable(bytes));
        if (details.Count > 0)
        {
            text += $" ({string.Join("; ", details)})";
        }

        return new GitHubError(request.Method, request.RequestUri!, (int)response.StatusCode, text, codes);
    }

    private static string Printable(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 300));
        return new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
    }
}
