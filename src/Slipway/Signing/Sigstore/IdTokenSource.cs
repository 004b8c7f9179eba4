using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// The OIDC ID token keyless signing presents to Fulcio: in GitHub Actions requested for audience <c>sigstore</c>
/// (<c>GET $ACTIONS_ID_TOKEN_REQUEST_URL&amp;audience=sigstore</c> with <c>Authorization: bearer
/// $ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>, answered <c>{"value": jwt}</c>, the request trusted publishing makes too), else
/// the variable <see cref="SigstoreServices.IdTokenVariable"/>. The request token and the ID token are registered as
/// secrets before anything can print them.
/// </summary>
public sealed class IdTokenSource(IEnvironment environment, HttpClient http, SecretRedactor redactor, TimeProvider time)
{
    public const string UrlVariable = "ACTIONS_ID_TOKEN_REQUEST_URL";
    public const string TokenVariable = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

    public async Task<IdToken> GetAsync(string variable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string value;
        string source;
        var url = environment.GetVariable(UrlVariable);
        var requestToken = environment.GetVariable(TokenVariable);
        if (!string.IsNullOrEmpty(url) && !string.IsNullOrEmpty(requestToken))
        {
            redactor.Register(requestToken);
            value = await RequestAsync(url, requestToken, cancellationToken);
            source = "GitHub Actions' ID token";
        }
        else
        {
            value = environment.GetVariable(variable) ?? string.Empty;
            if (value.Length == 0)
            {
                throw SigningErrors.IdTokenMissing(variable);
            }

            source = variable;
        }

        redactor.Register(value);
        if (!IdToken.TryParse(value, out var token, out var error))
        {
            throw SigningErrors.IdTokenInvalid(source, error);
        }

        return token!.Unusable(time.GetUtcNow()) is { } reason ? throw SigningErrors.IdTokenInvalid(source, reason) : token;
    }

    private async Task<string> RequestAsync(string url, string requestToken, CancellationToken cancellationToken)
    {
        // The request URL already carries a query (api-version=…), so the audience is appended with '&'.
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        if (!Uri.TryCreate(url + separator + "audience=" + IdToken.SigstoreAudience, UriKind.Absolute, out var requestUrl))
        {
            throw SigningErrors.IdTokenInvalid(UrlVariable, "not a URL");
        }

        var (status, body) = await SigstoreHttp.SendAsync(http, HttpMethod.Get, requestUrl, null, "application/json", requestToken, cancellationToken);
        string? value = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            value = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("value", out var v)
                ? v.GetString()
                : null;
        }
        catch (JsonException)
        {
        }

        if (status != 200 || string.IsNullOrEmpty(value))
        {
            throw SigningErrors.IdTokenInvalid(
                "GitHub Actions' ID token request", status != 200 ? $"{status} {SigstoreHttp.Message(body, redactor)}" : "the answer has no 'value'");
        }

        return value;
    }
}
