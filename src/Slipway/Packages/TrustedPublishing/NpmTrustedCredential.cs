namespace Slipway.Packages.TrustedPublishing;

/// <summary>
/// npm trusted publishing (npm/cli lib/utils/oidc.js): the ID token for audience <c>npm:&lt;registry host&gt;</c>, then
/// <c>POST &lt;registry&gt;/-/npm/v1/oidc/token/exchange/package/&lt;escaped name&gt;</c> with it as the bearer and no
/// body → <c>{"token": …}</c>. npm documents no lifetime; the token is minted again after <see cref="AssumedLifetime"/>.
/// </summary>
public sealed class NpmTrustedCredential(Uri registry, string packageName, ActionsIdTokenSource idTokens, HttpClient http, Diagnostics.SecretRedactor redactor, TimeProvider time)
    : RenewingCredential(idTokens, http, redactor, time)
{
    internal static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(15);

    private protected override async Task<ExchangedToken> ExchangeAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packageName);
        var host = registry.Host;
        var idToken = await IdTokens.RequestAsync("npm:" + host, host, cancellationToken);
        // A scoped name is escaped as @scope%2fname, as the npm CLI does.
        var escaped = packageName.StartsWith('@') ? "@" + Uri.EscapeDataString(packageName[1..]) : Uri.EscapeDataString(packageName);
        var baseUrl = registry.AbsoluteUri.EndsWith('/') ? registry.AbsoluteUri : registry.AbsoluteUri + "/";
        var url = new Uri(baseUrl + "-/npm/v1/oidc/token/exchange/package/" + escaped);
        var (status, json, text) = await TrustedHttp.SendAsync(Http, HttpMethod.Post, url, idToken, null, Redactor, cancellationToken);
        var token = TrustedHttp.String(json, "token");
        // Any 2xx is success, as npm-registry-fetch (which the npm CLI exchanges through) treats it.
        if (status is >= 200 and < 300 && !string.IsNullOrEmpty(token))
        {
            Redactor.Register(token);
            return new ExchangedToken(token, Time.GetUtcNow() + AssumedLifetime);
        }

        throw TrustedPublishingErrors.ExchangeFailed(
            host,
            status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Redactor.Redact(TrustedHttp.String(json, "message") ?? TrustedHttp.String(json, "error") ?? text),
            $"configure the trusted publisher of {packageName} on npmjs.com (package settings → Trusted publisher: owner, repository, workflow file name, environment); the package must exist already");
    }
}
