using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>
/// A distribution-spec v1.1 client over <see cref="HttpClient"/>: anonymous, Basic and Bearer token authentication,
/// retries of idempotent requests, status codes mapped to errors once (see the partial files for each resource).
/// </summary>
public sealed partial class RegistryClient : IRegistry, IDisposable
{
    private const int MaxRedirects = 10;

    private readonly HttpClient _http;
    private readonly RegistryClientOptions _options;
    private readonly ConcurrentDictionary<string, RegistryHostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public RegistryClient(RegistryClientOptions? options = null)
    {
        _options = options ?? new RegistryClientOptions();
        var handler = _options.Handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 16,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler, disposeHandler: _options.Handler is null) { Timeout = _options.RequestTimeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("slipway", "0.1"));
    }

    public RegistryClientOptions Options => _options;

    /// <summary>The base URI of a registry's API: plain HTTP only for loopback hosts and those configured as insecure.</summary>
    public Uri BaseUri(ImageReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var host = reference.IsDockerHub ? _options.DockerHubRegistry : reference.Registry;
        var scheme = IsPlainHttpAllowed(host) || _options.InsecureRegistries.Contains(reference.Registry) ? "http" : "https";
        return new Uri($"{scheme}://{host}/");
    }

    public bool IsPlainHttpAllowed(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (_options.InsecureRegistries.Contains(registry))
        {
            return true;
        }

        var host = registry;
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            host = host[..host.LastIndexOf(':')];
        }

        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary><c>GET /v2/</c>: the registry answers and, if it asks, accepts the credentials.</summary>
    public async Task PingAsync(ImageReference registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var response = await SendAsync(new RegistryRequest(HttpMethod.Get, registry, "v2/", "pull"), cancellationToken);
        await EnsureSuccessAsync(response, ErrorCode.RegistryRequestFailed, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    internal async Task<HttpResponseMessage> SendAsync(RegistryRequest request, CancellationToken cancellationToken)
    {
        var origin = BaseUri(request.Repository);
        var uri = new Uri(origin, request.PathOrUri);
        var host = _hosts.GetOrAdd(request.Repository.Registry, _ => new RegistryHostState());
        if (host.Probed)
        {
            return await SendWithRetriesAsync(request, origin, uri, host, cancellationToken);
        }

        // The first request to a host learns its challenge; requests started at the same time wait for it rather
        // than each collecting a 401 and fetching a token of their own.
        await host.ProbeGate.WaitAsync(cancellationToken);
        try
        {
            var response = await SendWithRetriesAsync(request, origin, uri, host, cancellationToken);
            host.Probed = true;
            return response;
        }
        finally
        {
            host.ProbeGate.Release();
        }
    }

    /// <summary>
    /// Credentials belong to the scheme, host and port of the registry they were configured or obtained for: a request
    /// elsewhere (an upload Location or a redirect to a storage host) goes without them, and none goes from an HTTPS
    /// registry to plain HTTP at all (containerd and Docker behave the same way).
    /// </summary>
    private static bool SameOrigin(Uri origin, Uri uri) =>
        string.Equals(origin.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase)
        && origin.Port == uri.Port;

    private static void CheckTarget(HttpMethod method, Uri origin, Uri from, Uri target, string what)
    {
        if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
        {
            throw OciErrors.RedirectRefused(method, from, $"the registry's {what} is not an HTTP URL ({target.Scheme}:)");
        }

        if (target.Scheme == Uri.UriSchemeHttp && (origin.Scheme == Uri.UriSchemeHttps || from.Scheme == Uri.UriSchemeHttps))
        {
            throw OciErrors.SchemeDowngrade(method, from, target, what);
        }
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(
        RegistryRequest request, Uri origin, Uri uri, RegistryHostState host, CancellationToken cancellationToken)
    {
        CheckTarget(request.Method, origin, origin, uri, "location");
        var authenticatedAfterChallenge = false;
        var redirects = 0;
        for (var attempt = 1; ; attempt++)
        {
            using var message = new HttpRequestMessage(request.Method, uri);
            foreach (var accept in request.Accept)
            {
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            }

            if (request.Content is not null)
            {
                message.Content = request.Content();
            }

            var sameOrigin = SameOrigin(origin, uri);
            var used = sameOrigin ? await AuthorizeAsync(message, request, origin, host, cancellationToken) : null;
            _options.OnRequest?.Invoke(message);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException exception) when (request.Idempotent && attempt < _options.MaxAttempts
                && exception.HttpRequestError != HttpRequestError.SecureConnectionError)
            {
                _ = exception;
                await DelayAsync(attempt, cancellationToken);
                continue;
            }
            catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.SecureConnectionError && uri.Scheme == Uri.UriSchemeHttps)
            {
                // Most often a registry that serves plain HTTP: say how to allow it rather than print a TLS error.
                throw OciErrors.TlsFailed(request.Method, uri, request.Repository.Registry, exception);
            }
            catch (HttpRequestException exception)
            {
                throw OciErrors.Unreachable(request.Method, uri, exception.Message, exception);
            }
            catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (request.Idempotent && attempt < _options.MaxAttempts)
                {
                    await DelayAsync(attempt, cancellationToken);
                    continue;
                }

                throw OciErrors.Unreachable(request.Method, uri, "timed out", exception);
            }

            if (IsRedirect(response.StatusCode, request.Method))
            {
                // Redirects are followed here, not by the handler, so that the credential rule above holds for them.
                var location = response.Headers.Location;
                response.Dispose();
                if (location is null)
                {
                    throw OciErrors.RedirectRefused(request.Method, uri, "the registry redirected without a Location");
                }

                if (++redirects > MaxRedirects)
                {
                    throw OciErrors.RedirectRefused(request.Method, uri, $"more than {MaxRedirects} redirects");
                }

                var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
                CheckTarget(request.Method, origin, uri, target, "redirect");
                uri = target;
                attempt--;
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && sameOrigin && !authenticatedAfterChallenge)
            {
                var challenge = AuthChallenge.Parse(response.Headers.WwwAuthenticate.ToString());
                if (challenge is not null && (challenge.IsBearer || challenge.IsBasic))
                {
                    response.Dispose();
                    host.Challenge = challenge;

                    // Only the token this request used was refused (expired or revoked); others stay cached.
                    if (used is { } token)
                    {
                        host.Tokens.TryRemove(token);
                    }

                    authenticatedAfterChallenge = true;
                    attempt--;
                    continue;
                }
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && sameOrigin && authenticatedAfterChallenge)
            {
                var challenge = AuthChallenge.Parse(response.Headers.WwwAuthenticate.ToString());
                if (challenge?.Error == "insufficient_scope")
                {
                    response.Dispose();
                    throw OciErrors.InsufficientScope(request.Method, uri, challenge.Scope ?? request.Scope);
                }
            }

            if (IsTransient(response.StatusCode) && request.Idempotent && attempt < _options.MaxAttempts)
            {
                response.Dispose();
                await DelayAsync(attempt, cancellationToken);
                continue;
            }

            return response;
        }
    }

    /// <summary>
    /// GET and HEAD follow every redirect; PUT, POST and DELETE only 307 and 308, which keep the method and body; a
    /// PATCH never (its body is a window on a stream that cannot be read twice).
    /// </summary>
    private static bool IsRedirect(HttpStatusCode status, HttpMethod method) => status switch
    {
        HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect => method != HttpMethod.Patch,
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther => method == HttpMethod.Get || method == HttpMethod.Head,
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private Task DelayAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(_options.RetryDelay * Math.Pow(2, attempt - 1), _options.Time, cancellationToken);
}
