using Slipway.Diagnostics;

namespace Slipway.Packages.TrustedPublishing;

/// <summary>
/// Requests the GitHub Actions OIDC ID token for an audience: <c>GET $ACTIONS_ID_TOKEN_REQUEST_URL&amp;audience=…</c>
/// with <c>Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>, answered <c>{"value": "&lt;jwt&gt;"}</c>. The
/// request token and every ID token are registered as secrets at once.
/// </summary>
public sealed class ActionsIdTokenSource(IEnvironment environment, HttpClient http, SecretRedactor redactor)
{
    public const string UrlVariable = "ACTIONS_ID_TOKEN_REQUEST_URL";
    public const string TokenVariable = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

    public bool IsAvailable =>
        !string.IsNullOrEmpty(environment.GetVariable(UrlVariable)) && !string.IsNullOrEmpty(environment.GetVariable(TokenVariable));

    public async Task<string> RequestAsync(string audience, string registry, CancellationToken cancellationToken)
    {
        var url = environment.GetVariable(UrlVariable);
        var token = environment.GetVariable(TokenVariable);
        if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(token))
        {
            throw TrustedPublishingErrors.Unavailable(registry);
        }

        redactor.Register(token);
        // The request URL already carries a query (api-version=…), so the audience is appended with '&'.
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        if (!Uri.TryCreate(url + separator + "audience=" + Uri.EscapeDataString(audience), UriKind.Absolute, out var requestUrl))
        {
            throw TrustedPublishingErrors.IdTokenFailed($"{UrlVariable} is not a URL");
        }

        var (status, json, text) = await TrustedHttp.SendAsync(http, HttpMethod.Get, requestUrl, token, null, redactor, cancellationToken);
        var value = TrustedHttp.String(json, "value");
        if (status != 200 || string.IsNullOrEmpty(value))
        {
            throw TrustedPublishingErrors.IdTokenFailed(status != 200 ? $"{status} {text}" : "the answer has no 'value'");
        }

        redactor.Register(value);
        return value;
    }
}
