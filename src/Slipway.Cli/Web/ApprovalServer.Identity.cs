using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Cli.Web;

/// <summary>Who a request comes from: the trusted proxy's header, a session cookie, or (on the API) a bearer token; and sign-in, sign-out.</summary>
internal sealed partial class ApprovalServer
{
    private async Task<Caller> CallerAsync(HttpContext context, bool bearer = false)
    {
        var policy = ApproverPolicy.For(_config);
        if (_settings.TrustHeader is { } header && context.Request.Headers.TryGetValue(header, out var values) && values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]))
        {
            // The header is believed only from a configured proxy; from anyone else it names no one.
            if (IsTrustedProxy(context.Connection.RemoteIpAddress))
            {
                var name = values[0]!.Trim();
                return new Caller(name, policy.MayApprove(name), HeaderCsrf(name), "proxy");
            }
        }

        if (bearer)
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                if (_throttle.IsBlocked(Source(context)))
                {
                    throw WebErrors.Throttled();
                }

                var token = await _store.FindTokenAsync(ApproverSecret.Hash(authorization["Bearer ".Length..].Trim()), context.RequestAborted);
                if (token is null)
                {
                    _throttle.Failed(Source(context));
                    throw WebErrors.TokenInvalid();
                }

                return new Caller(token.Name, policy.MayApprove(token.Name), null, "token");
            }

            return Caller.Anonymous;
        }

        if (context.Request.Cookies.TryGetValue(SessionCookie, out var secret) && !string.IsNullOrEmpty(secret)
            && await _store.FindSessionAsync(ApproverSecret.Hash(secret), context.RequestAborted) is { } session)
        {
            return new Caller(session.Name, policy.MayApprove(session.Name), session.Csrf, "session");
        }

        return Caller.Anonymous;
    }

    private bool IsTrustedProxy(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _settings.TrustedProxies.Any(p => p.Equals(normal));
    }

    private string HeaderCsrf(string name) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_csrfKey, Encoding.UTF8.GetBytes("proxy\n" + name)));

    private CookieOptions Cookie(HttpContext context, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = _settings.BasePath.Length == 0 ? "/" : _settings.BasePath,
        MaxAge = lifetime,
        IsEssential = true,
    };

    private async Task LoginPageAsync(HttpContext context)
    {
        var caller = await CallerAsync(context);
        var csrf = ApproverSecret.New();
        context.Response.Cookies.Append(LoginCookie, csrf, Cookie(context, TimeSpan.FromMinutes(30)));
        await SendPage(context, 200, LoginPage(caller, csrf, null, context.Request.Query["return"].ToString()));
    }

    private string LoginPage(Caller caller, string csrf, string? error, string? returnTo) =>
        PageLayout.Render("Sign in", caller, _settings.BasePath, html =>
        {
            html.Element("h1", "Sign in");
            if (error is not null)
            {
                html.Raw("<p class=\"error\" role=\"alert\">").Text(error).Raw("</p>");
            }

            html.Raw("<form method=\"post\"").Attr("action", _settings.BasePath + "/login").Raw("><input type=\"hidden\" name=\"csrf\"").Attr("value", csrf)
                .Raw("><input type=\"hidden\" name=\"return\"").Attr("value", returnTo)
                .Raw("><p><label for=\"token\">Approver token</label><br><input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required size=\"50\"></p><button type=\"submit\" id=\"sign-in\">Sign in</button></form>")
                .Raw("<p>An approver gets a token with <code>slipway approver token NAME</code>.</p>");
        });

    private async Task LoginAsync(HttpContext context)
    {
        var source = Source(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var fresh = ApproverSecret.New();
        context.Response.Cookies.Append(LoginCookie, fresh, Cookie(context, TimeSpan.FromMinutes(30)));
        if (_throttle.IsBlocked(source))
        {
            await SendPage(context, 429, LoginPage(Caller.Anonymous, fresh, WebErrors.Throttled().Message, null));
            return;
        }

        if (!context.Request.Cookies.TryGetValue(LoginCookie, out var expected) || !ApproverSecret.AreEqual(expected, form["csrf"].ToString()))
        {
            await SendPage(context, 403, LoginPage(Caller.Anonymous, fresh, WebErrors.CsrfInvalid().Message, null));
            return;
        }

        var token = await _store.FindTokenAsync(ApproverSecret.Hash(form["token"].ToString().Trim()), context.RequestAborted);
        if (token is null)
        {
            _throttle.Failed(source);
            await SendPage(context, 401, LoginPage(Caller.Anonymous, fresh, WebErrors.TokenInvalid().Message, null));
            return;
        }

        _throttle.Succeeded(source);
        var secret = ApproverSecret.New();
        var now = _time.GetUtcNow();
        var expires = now + (token.Expires - now < ServeSettings.SessionLifetime ? token.Expires - now : ServeSettings.SessionLifetime);
        await _store.AddSessionAsync(new ApproverSession(token.Name, ApproverSecret.New(), token.Id, now, expires), ApproverSecret.Hash(secret), context.RequestAborted);
        context.Response.Cookies.Append(SessionCookie, secret, Cookie(context, expires - now));
        context.Response.Cookies.Delete(LoginCookie, Cookie(context, null));
        var returnTo = form["return"].ToString();

        // Only a path of this server: an open redirect would hand the fresh session's first page to another site.
        var target = returnTo.StartsWith(_settings.BasePath + "/runs/", StringComparison.Ordinal) && !returnTo.Contains("//", StringComparison.Ordinal) ? returnTo : _settings.BasePath + "/";
        context.Response.Redirect(target);
    }

    private async Task LogoutAsync(HttpContext context)
    {
        var caller = await CallerAsync(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (caller.Via == "session" && ApproverSecret.AreEqual(caller.Csrf, form["csrf"].ToString()) && context.Request.Cookies.TryGetValue(SessionCookie, out var secret))
        {
            await _store.EndSessionAsync(ApproverSecret.Hash(secret!), context.RequestAborted);
            context.Response.Cookies.Delete(SessionCookie, Cookie(context, null));
        }

        context.Response.Redirect(_settings.BasePath + "/");
    }
}
