using System.Text.Json;

namespace Slipway.Packages.TrustedPublishing;

/// <summary>
/// PyPI trusted publishing (docs.pypi.org, trusted-publishers/using-a-publisher; warehouse/oidc/views.py): the
/// audience from <c>GET /_/oidc/audience</c> on the upload URL's host, the ID token for it, then
/// <c>POST /_/oidc/mint-token</c> <c>{"token": …}</c> → <c>{"success": true, "token": "pypi-…", "expires": unix}</c>.
/// A minted token lives 15 minutes; a missing <c>expires</c> is taken as 15 minutes from now.
/// </summary>
public sealed class PyPITrustedCredential(Uri uploadUrl, ActionsIdTokenSource idTokens, HttpClient http, Diagnostics.SecretRedactor redactor, TimeProvider time)
    : RenewingCredential(idTokens, http, redactor, time)
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private string? _audience;

    private Uri Index => new(uploadUrl.GetLeftPart(UriPartial.Authority) + "/");

    private protected override async Task<ExchangedToken> ExchangeAsync(CancellationToken cancellationToken)
    {
        var registry = Index.Host;
        if (_audience is null)
        {
            var (status, json, text) = await TrustedHttp.SendAsync(Http, HttpMethod.Get, new Uri(Index, "_/oidc/audience"), null, null, Redactor, cancellationToken);
            if (status is 403 or 404)
            {
                throw TrustedPublishingErrors.NotEnabled(registry, $"GET /_/oidc/audience returned {status} {TrustedHttp.String(json, "message") ?? text}");
            }

            _audience = status == 200 ? TrustedHttp.String(json, "audience") : null;
            if (string.IsNullOrEmpty(_audience))
            {
                throw TrustedPublishingErrors.AnswerInvalid($"GET {new Uri(Index, "_/oidc/audience")}", status == 200 ? "no 'audience' in the answer" : $"returned {status} {text}");
            }
        }

        var idToken = await IdTokens.RequestAsync(_audience, registry, cancellationToken);
        var body = JsonSerializerHelpers.Object(("token", idToken));
        var mintUrl = new Uri(Index, "_/oidc/mint-token");
        var (mintStatus, mint, mintText) = await TrustedHttp.SendAsync(Http, HttpMethod.Post, mintUrl, null, body, Redactor, cancellationToken);
        var token = TrustedHttp.String(mint, "token");
        if (mintStatus == 200 && !string.IsNullOrEmpty(token))
        {
            Redactor.Register(token);
            var now = Time.GetUtcNow();
            var expires = mint is { } m && m.TryGetProperty("expires", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var unix)
                ? DateTimeOffset.FromUnixTimeSeconds(unix)
                : now + Lifetime;
            return new ExchangedToken(token, expires < now + Lifetime ? expires : now + Lifetime);
        }

        // 422 {"message": "Token request failed", "errors": [{"code": "invalid-publisher", "description": …}]}
        var (code, description) = FirstError(mint) ?? ($"{mintStatus}", mintText);
        throw TrustedPublishingErrors.ExchangeFailed(
            registry,
            code,
            Redactor.Redact(description),
            code switch
            {
                "invalid-publisher" => $"add a trusted publisher on {registry} (project → Publishing) for this repository, workflow file and environment",
                "invalid-pending-publisher" => $"the pending publisher on {registry} does not match this repository, workflow file or environment",
                "invalid-reuse-token" => "each ID token can be exchanged once; this is a bug if it repeats",
                "not-enabled" => $"trusted publishing is disabled on {registry}; configure a token instead",
                _ => $"check the trusted publisher configured on {registry}",
            });
    }

    private static (string Code, string Description)? FirstError(System.Text.Json.JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var error in errors.EnumerateArray())
        {
            var code = TrustedHttp.String(error, "code");
            if (code is not null)
            {
                return (code, TrustedHttp.String(error, "description") ?? string.Empty);
            }
        }

        return null;
    }
}
