using System.Net.Http.Headers;
using System.Text.Json;

namespace Slipway.Oci;

/// <summary>Authentication: Basic, or the Bearer token flow of distribution's token.md, with tokens cached per scope.</summary>
public sealed partial class RegistryClient
{
    // token.md answers are a few kilobytes (a JWT); a megabyte leaves room and bounds a hostile one.
    private const int MaxTokenAnswer = 1024 * 1024;

    private const long MaxTokenLifetimeSeconds = 24 * 60 * 60;

    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);

    // Renew a little early so a token does not expire between the check and the request.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);

    /// <summary>Adds the Authorization header the host's challenge asks for; returns the cached token it used, if any.</summary>
    private async Task<KeyValuePair<string, BearerToken>?> AuthorizeAsync(
        HttpRequestMessage message, RegistryRequest request, Uri origin, RegistryHostState host, CancellationToken cancellationToken)
    {
        var challenge = host.Challenge;
        if (challenge is null)
        {
            return null;
        }

        var credentials = await CredentialsAsync(request.Repository.Registry, host, cancellationToken);
        if (challenge.IsBasic)
        {
            if (credentials is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials.BasicHeaderValue);
            }

            return null;
        }

        var scopes = new SortedSet<string>(StringComparer.Ordinal) { request.Scope };
        scopes.UnionWith(request.ExtraScopes);
        var key = string.Join(' ', scopes);
        var now = _options.Time.GetUtcNow();
        if (!host.Tokens.TryGetValue(key, out var token) || token.Expires <= now)
        {
            await host.Gate.WaitAsync(cancellationToken);
            try
            {
                if (!host.Tokens.TryGetValue(key, out token) || token.Expires <= _options.Time.GetUtcNow())
                {
                    token = await FetchTokenAsync(request.Repository.Registry, origin, challenge, scopes, credentials, cancellationToken);
                    host.Tokens[key] = token;
                }
            }
            finally
            {
                host.Gate.Release();
            }
        }

        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return new KeyValuePair<string, BearerToken>(key, token);
    }

    private async Task<RegistryCredentials?> CredentialsAsync(string registry, RegistryHostState host, CancellationToken cancellationToken)
    {
        if (!host.CredentialsLoaded)
        {
            var credentials = await _options.Credentials.GetAsync(registry, cancellationToken);
            if (credentials is not null)
            {
                _options.Redactor?.Register(credentials.Password);
            }

            host.Credentials = credentials;
            host.CredentialsLoaded = true;
        }

        return host.Credentials;
    }

    private async Task<BearerToken> FetchTokenAsync(
        string registry, Uri origin, AuthChallenge challenge, IEnumerable<string> scopes, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        if (challenge.Realm is null || !Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm))
        {
            throw OciErrors.TokenFailed(new Uri("about:blank"), $"the registry's challenge has no usable realm ('{challenge.Realm}')");
        }

        // The realm receives the Basic credentials for the exchange; another HTTPS host is normal (Docker Hub's is
        // auth.docker.io), plain HTTP is not when the registry itself is reached over HTTPS.
        if (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp)
        {
            throw OciErrors.TokenRealmRefused(registry, realm, "not an HTTP URL");
        }

        if (realm.Scheme == Uri.UriSchemeHttp && origin.Scheme == Uri.UriSchemeHttps && !_options.InsecureRegistries.Contains(registry))
        {
            throw OciErrors.TokenRealmRefused(registry, realm, "plain HTTP for a registry reached over HTTPS");
        }

        var query = new List<string>();
        if (challenge.Service is not null)
        {
            query.Add("service=" + Uri.EscapeDataString(challenge.Service));
        }

        query.AddRange(scopes.Select(scope => "scope=" + Uri.EscapeDataString(scope)));
        var builder = new UriBuilder(realm);
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join('&', (existing.Length > 0 ? [existing] : Array.Empty<string>()).Concat(query));
        using var message = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credentials is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials.BasicHeaderValue);
        }

        _options.OnRequest?.Invoke(message);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw OciErrors.TokenFailed(realm, exception.Message);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var (code, detail) = ParseErrorBody(await BoundedContent.ReadTruncatedAsync(response, MaxErrorBody, cancellationToken));
                throw OciErrors.TokenFailed(realm, $"{(int)response.StatusCode} {code ?? response.StatusCode.ToString()}{(detail is null ? string.Empty : ": " + detail)}");
            }

            var body = await BoundedContent.ReadAsync(response, MaxTokenAnswer, "token answer", cancellationToken);
            var (value, lifetime) = ParseTokenAnswer(realm, body);
            _options.Redactor?.Register(value);

            // Our clock, not issued_at: the token server's clock may be skewed.
            return new BearerToken(value, _options.Time.GetUtcNow() + lifetime - ExpiryMargin);
        }
    }

    /// <summary>token.md's answer: <c>token</c> (or OAuth's <c>access_token</c>) and an optional integer <c>expires_in</c> in seconds.</summary>
    internal static (string Token, TimeSpan Lifetime) ParseTokenAnswer(Uri realm, byte[] body)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw OciErrors.TokenAnswerInvalid(realm, $"not JSON ({exception.Message})");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw OciErrors.TokenAnswerInvalid(realm, $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }

            string? value;
            try
            {
                value = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                    : root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            }
            catch (InvalidOperationException)
            {
                // JsonDocument checks a string's UTF-8 only when it is read.
                throw OciErrors.TokenAnswerInvalid(realm, "the token is not valid UTF-8");
            }

            if (string.IsNullOrEmpty(value))
            {
                throw OciErrors.TokenFailed(realm, "the answer has no token");
            }

            var lifetime = DefaultTokenLifetime;
            if (root.TryGetProperty("expires_in", out var e) && e.ValueKind != JsonValueKind.Null)
            {
                if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var seconds))
                {
                    throw OciErrors.TokenAnswerInvalid(realm, $"expires_in is {Excerpt(e.GetRawText())}, not an integer number of seconds");
                }

                // token.md: a missing or non-positive lifetime means the default; a very long one is held to a day.
                if (seconds > 0)
                {
                    lifetime = TimeSpan.FromSeconds(Math.Min(seconds, MaxTokenLifetimeSeconds));
                }
            }

            return (value, lifetime);
        }
    }
}
