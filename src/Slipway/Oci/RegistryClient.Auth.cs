using System.Net.Http.Headers;
using System.Text.Json;

namespace Slipway.Oci;

/// <summary>Authentication: Basic, or the Bearer token flow of distribution's token.md, with tokens cached per scope.</summary>
public sealed partial class RegistryClient
{
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);

    // Renew a little early so a token does not expire between the check and the request.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);

    /// <summary>Adds the Authorization header the host's challenge asks for; returns the cached token it used, if any.</summary>
    private async Task<KeyValuePair<string, BearerToken>?> AuthorizeAsync(
        HttpRequestMessage message, RegistryRequest request, RegistryHostState host, CancellationToken cancellationToken)
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
                    token = await FetchTokenAsync(challenge, scopes, credentials, cancellationToken);
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
        AuthChallenge challenge, IEnumerable<string> scopes, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        if (challenge.Realm is null || !Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm))
        {
            throw OciErrors.TokenFailed(new Uri("about:blank"), $"the registry's challenge has no usable realm ('{challenge.Realm}')");
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
            response = await _http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw OciErrors.TokenFailed(realm, exception.Message);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var (code, detail) = ParseErrorBody(body);
                throw OciErrors.TokenFailed(realm, $"{(int)response.StatusCode} {code ?? response.StatusCode.ToString()}{(detail is null ? string.Empty : ": " + detail)}");
            }

            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                var value = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                    : root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                if (string.IsNullOrEmpty(value))
                {
                    throw OciErrors.TokenFailed(realm, "the answer has no token");
                }

                _options.Redactor?.Register(value);
                var lifetime = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var seconds) && seconds > 0
                    ? TimeSpan.FromSeconds(seconds)
                    : DefaultTokenLifetime;
                // Our clock, not issued_at: the token server's clock may be skewed.
                return new BearerToken(value, _options.Time.GetUtcNow() + lifetime - ExpiryMargin);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a string that is not valid UTF-8.
                throw OciErrors.TokenFailed(realm, $"the answer is not JSON: {exception.Message}");
            }
        }
    }
}
