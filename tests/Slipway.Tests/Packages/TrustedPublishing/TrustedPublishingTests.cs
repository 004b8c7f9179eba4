using System.Net;
using System.Text;
using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.Packages.TrustedPublishing;
using Slipway.Tests.Infra;
using Slipway.Tests.Packages.PyPI;

namespace Slipway.Tests.Packages.TrustedPublishing;

/// <summary>The documented exchanges, request by request, against a scripted endpoint (the real services cannot run here).</summary>
public sealed class TrustedPublishingTests
{
    private const string RequestToken = "ghs_REQUESTTOKEN123";
    private const string RequestUrl = "http://actions.test/_apis/token?api-version=2.0";
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SecretRedactor _redactor = new();
    private readonly ManualTime _time = new(Now);
    private int _idTokens;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ActionsIdTokenSource IdTokens(HttpClient http, bool available = true) =>
        new(new DictionaryEnvironment(available
            ? new Dictionary<string, string> { [ActionsIdTokenSource.UrlVariable] = RequestUrl, [ActionsIdTokenSource.TokenVariable] = RequestToken }
            : []), http, _redactor);

    private HttpResponseMessage? IdToken(HttpRequestMessage request, string audience)
    {
        if (request.RequestUri!.Host != "actions.test")
        {
            return null;
        }

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal($"{RequestUrl}&audience={Uri.EscapeDataString(audience)}", request.RequestUri.AbsoluteUri);
        Assert.Equal("bearer", request.Headers.Authorization!.Scheme, ignoreCase: true);
        Assert.Equal(RequestToken, request.Headers.Authorization.Parameter);
        return Json(200, $$"""{"value":"eyJ.idtoken-{{++_idTokens}}.sig"}""");
    }

    private static HttpResponseMessage Json(int status, string body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string Body(ScriptedHandler handler, int index) => Encoding.UTF8.GetString(handler.Requests[index].Body);

    [Fact]
    public async Task PyPI_discovers_the_audience_mints_once_per_ID_token_and_renews_before_15_minutes()
    {
        var minted = 0;
        using var handler = new ScriptedHandler(r => IdToken(r, "pypi") ?? r.RequestUri!.AbsolutePath switch
        {
            "/_/oidc/audience" => Json(200, """{"audience":"pypi"}"""),
            "/_/oidc/mint-token" => Json(200, $$"""{"success":true,"token":"pypi-minted-{{++minted}}","expires":{{Now.AddMinutes(15).ToUnixTimeSeconds()}}}"""),
            _ => Json(404, "{}"),
        });
        using var http = new HttpClient(handler);
        using var credential = new PyPITrustedCredential(new Uri("http://pypi.test/legacy/"), IdTokens(http), http, _redactor, _time);

        Assert.Equal("pypi-minted-1", await credential.GetTokenAsync(Ct));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("pypi-minted-1", await credential.GetTokenAsync(Ct));
        Assert.Equal(3, handler.Requests.Count);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("pypi-minted-2", await credential.GetTokenAsync(Ct));

        Assert.Equal(
            ["GET http://pypi.test/_/oidc/audience", $"GET {RequestUrl}&audience=pypi", "POST http://pypi.test/_/oidc/mint-token", $"GET {RequestUrl}&audience=pypi", "POST http://pypi.test/_/oidc/mint-token"],
            handler.Requests.Select(r => $"{r.Request.Method} {r.Request.RequestUri!.AbsoluteUri}"));
        Assert.Equal("""{"token":"eyJ.idtoken-1.sig"}""", Body(handler, 2));
        Assert.Equal("""{"token":"eyJ.idtoken-2.sig"}""", Body(handler, 4));
        Assert.Equal("application/json", handler.Requests[2].Request.Content!.Headers.ContentType!.MediaType);
        foreach (var secret in new[] { RequestToken, "eyJ.idtoken-1.sig", "eyJ.idtoken-2.sig", "pypi-minted-1", "pypi-minted-2" })
        {
            Assert.Contains(secret, _redactor.Secrets);
        }
    }

    [Fact]
    public async Task A_PyPI_token_without_expires_lives_15_minutes()
    {
        using var handler = new ScriptedHandler(r => IdToken(r, "testpypi") ?? (r.RequestUri!.AbsolutePath == "/_/oidc/audience"
            ? Json(200, """{"audience":"testpypi"}""")
            : Json(200, """{"success":true,"token":"pypi-x-token"}""")));
        using var http = new HttpClient(handler);
        using var credential = new PyPITrustedCredential(new Uri("http://pypi.test/legacy/"), IdTokens(http), http, _redactor, _time);

        await credential.GetTokenAsync(Ct);
        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await credential.GetTokenAsync(Ct);

        Assert.Equal(2, _idTokens);
    }

    [Fact]
    public async Task An_invalid_publisher_is_one_line_naming_the_code_and_what_to_configure()
    {
        using var handler = new ScriptedHandler(r => IdToken(r, "pypi") ?? (r.RequestUri!.AbsolutePath == "/_/oidc/audience"
            ? Json(200, """{"audience":"pypi"}""")
            : Json(422, """{"message":"Token request failed","errors":[{"code":"invalid-publisher","description":"valid token, but no corresponding publisher (eyJ.idtoken-1.sig)"}]}""")));
        using var http = new HttpClient(handler);
        using var credential = new PyPITrustedCredential(new Uri("http://pypi.test/legacy/"), IdTokens(http), http, _redactor, _time);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => credential.GetTokenAsync(Ct));

        Assert.Equal(ErrorCode.TrustedPublishingExchangeFailed, error.Code);
        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Equal("pypi.test refused the OIDC token exchange: invalid-publisher: valid token, but no corresponding publisher (***)", error.Message);
        Assert.Contains("add a trusted publisher on pypi.test", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_index_without_trusted_publishing_says_so()
    {
        using var handler = new ScriptedHandler(_ => Json(403, """{"message":"Trusted publishing functionality not enabled"}"""));
        using var http = new HttpClient(handler);
        using var credential = new PyPITrustedCredential(new Uri("http://pypi.test/legacy/"), IdTokens(http), http, _redactor, _time);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => credential.GetTokenAsync(Ct));

        Assert.Equal(ErrorCode.TrustedPublishingNotEnabled, error.Code);
        Assert.Contains("Trusted publishing functionality not enabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_Actions_variables_trusted_publishing_is_refused_as_input_and_nothing_is_requested()
    {
        using var handler = new ScriptedHandler(r => r.RequestUri!.AbsolutePath == "/_/oidc/audience" ? Json(200, """{"audience":"pypi"}""") : Json(500, "{}"));
        using var http = new HttpClient(handler);
        using var credential = new PyPITrustedCredential(new Uri("http://pypi.test/legacy/"), IdTokens(http, available: false), http, _redactor, _time);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => credential.GetTokenAsync(Ct));

        Assert.Equal(ErrorCode.TrustedPublishingUnavailable, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains("id-token: write", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(handler.Requests, r => r.Request.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task Npm_exchanges_the_ID_token_as_bearer_for_the_escaped_scoped_package()
    {
        using var handler = new ScriptedHandler(r => IdToken(r, "npm:registry.test") ?? Json(200, """{"token":"npm_minted_token"}"""));
        using var http = new HttpClient(handler);
        using var credential = new NpmTrustedCredential(new Uri("http://registry.test/"), "@acme/demo", IdTokens(http), http, _redactor, _time);

        Assert.Equal("npm_minted_token", await credential.GetTokenAsync(Ct));

        var exchange = handler.Requests[1].Request;
        Assert.Equal(HttpMethod.Post, exchange.Method);
        Assert.Equal("http://registry.test/-/npm/v1/oidc/token/exchange/package/@acme%2Fdemo", exchange.RequestUri!.AbsoluteUri);
        Assert.Equal(("Bearer", "eyJ.idtoken-1.sig"), (exchange.Headers.Authorization!.Scheme, exchange.Headers.Authorization.Parameter));
        Assert.Empty(handler.Requests[1].Body);
        Assert.Contains("npm_minted_token", _redactor.Secrets);
    }

    [Fact]
    public async Task Npm_refusal_names_the_status_and_the_trusted_publisher_to_configure()
    {
        using var handler = new ScriptedHandler(r => IdToken(r, "npm:registry.test") ?? Json(404, """{"message":"package not found"}"""));
        using var http = new HttpClient(handler);
        using var credential = new NpmTrustedCredential(new Uri("http://registry.test/"), "demo", IdTokens(http), http, _redactor, _time);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => credential.GetTokenAsync(Ct));

        Assert.Equal("registry.test refused the OIDC token exchange: 404: package not found", error.Message);
        Assert.Contains("Trusted publisher", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NuGet_posts_the_configured_user_and_renews_before_the_hour_is_up()
    {
        var keys = 0;
        using var handler = new ScriptedHandler(r => IdToken(r, NuGetTrustedCredential.NuGetOrgAudience) ?? Json(200, $$"""{"apiKey":"nuget-key-{{++keys}}"}"""));
        using var http = new HttpClient(handler);
        using var credential = new NuGetTrustedCredential(
            new Uri("http://nuget.test/api/v2/token"), NuGetTrustedCredential.NuGetOrgAudience, "alice", IdTokens(http), http, _redactor, _time);

        Assert.Equal("nuget-key-1", await credential.GetTokenAsync(Ct));
        _time.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal("nuget-key-1", await credential.GetTokenAsync(Ct));
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("nuget-key-2", await credential.GetTokenAsync(Ct));

        var exchange = handler.Requests[1];
        Assert.Equal(HttpMethod.Post, exchange.Request.Method);
        Assert.Equal(("Bearer", "eyJ.idtoken-1.sig"), (exchange.Request.Headers.Authorization!.Scheme, exchange.Request.Headers.Authorization.Parameter));
        using var body = JsonDocument.Parse(exchange.Body);
        Assert.Equal("alice", body.RootElement.GetProperty("username").GetString());
        Assert.Equal("ApiKey", body.RootElement.GetProperty("tokenType").GetString());
        Assert.Equal(4, handler.Requests.Count);
    }
}
