namespace Slipway.Packages.TrustedPublishing;

/// <summary>
/// nuget.org trusted publishing (NuGet docs nuget-org/trusted-publishing.md; NuGet/login): the ID token for audience
/// <c>https://www.nuget.org</c>, then <c>POST https://www.nuget.org/api/v2/token</c> with it as the bearer and
/// <c>{"username": "&lt;nuget.org profile&gt;", "tokenType": "ApiKey"}</c> → <c>{"apiKey": …}</c>, valid one hour.
/// </summary>
public sealed class NuGetTrustedCredential(
    Uri tokenUrl, string audience, string user, ActionsIdTokenSource idTokens, HttpClient http, Diagnostics.SecretRedactor redactor, TimeProvider time)
    : RenewingCredential(idTokens, http, redactor, time)
{
    public static Uri NuGetOrgTokenUrl { get; } = new("https://www.nuget.org/api/v2/token");

    public const string NuGetOrgAudience = "https://www.nuget.org";

    internal static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private protected override async Task<ExchangedToken> ExchangeAsync(CancellationToken cancellationToken)
    {
        var host = tokenUrl.Host;
        var idToken = await IdTokens.RequestAsync(audience, host, cancellationToken);
        var body = JsonSerializerHelpers.Object(("username", user), ("tokenType", "ApiKey"));
        var (status, json, text) = await TrustedHttp.SendAsync(Http, HttpMethod.Post, tokenUrl, idToken, body, Redactor, cancellationToken);
        var key = TrustedHttp.String(json, "apiKey");
        if (status == 200 && !string.IsNullOrEmpty(key))
        {
            Redactor.Register(key);
            return new ExchangedToken(key, Time.GetUtcNow() + Lifetime);
        }

        throw TrustedPublishingErrors.ExchangeFailed(
            host,
            status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Redactor.Redact(TrustedHttp.String(json, "error") ?? text),
            $"add a trusted publishing policy on {host} (account → Trusted Publishing) for this repository and workflow file; user must be the policy creator's profile name ('{user}')");
    }
}
