using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Cli.Web;

/// <summary>
/// <c>slipway serve</c>: the approval page and its JSON API over the journal, on Kestrel with minimal APIs (no MVC, no
/// reflection). Anyone who reaches it may read; only an approver signed in (token session, trusted proxy header, or
/// bearer token on the API) may decide, and a decision from a form needs its CSRF token.
/// </summary>
internal sealed partial class ApprovalServer : IAsyncDisposable
{
    private const string SessionCookie = "slipway_session";
    private const string LoginCookie = "slipway_login";

    private readonly ServeSettings _settings;
    private readonly Func<SlipwayConfig> _loadConfig;
    private readonly IRunJournal _journal;
    private readonly IApproverStore _store;
    private readonly IRunCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly LoginThrottle _throttle;
    private readonly byte[] _csrfKey = RandomNumberGenerator.GetBytes(32);
    private readonly WebApplication _app;
    private SlipwayConfig _config;
    private StepGraph _graph;

    private ApprovalServer(ServeSettings settings, Func<SlipwayConfig> loadConfig, IRunJournal journal, TimeProvider time)
    {
        _settings = settings;
        _loadConfig = loadConfig;
        _journal = journal;
        _store = ApproverStores.Of(journal);
        _catalog = ApproverStores.CatalogOf(journal);
        _time = time;
        _throttle = new LoginThrottle(time);
        _config = loadConfig();
        _graph = ReleaseComposition.Graph(_config);
        _app = Build();
    }

    /// <summary>The address it listens on, with the base path (<c>http://127.0.0.1:PORT/slipway</c>).</summary>
    public string Address { get; private set; } = string.Empty;

    public static async Task<ApprovalServer> StartAsync(ServeSettings settings, Func<SlipwayConfig> loadConfig, IRunJournal journal, TimeProvider time, CancellationToken cancellationToken)
    {
        var server = new ApprovalServer(settings, loadConfig, journal, time);
        await server._app.StartAsync(cancellationToken);
        var bound = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = bound.Replace("[::]", "localhost", StringComparison.Ordinal) + settings.BasePath;
        return server;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => ((IHost)_app).WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            // Forms, tokens and API bodies are small: a bounded body, read with the cap applied by Kestrel.
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.AddServerHeader = false;
            kestrel.Listen(_settings.Listen, listen =>
            {
                if (_settings.TlsCertificate is { } cert)
                {
                    listen.UseHttps(LoadCertificate(cert, _settings.TlsKey));
                }
            });
        });
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(context);
        });
        var root = _settings.BasePath.Length == 0 ? (IEndpointRouteBuilder)app : app.MapGroup(_settings.BasePath);
        root.MapGet("/static/app.css", context => Send(context, 200, "text/css; charset=utf-8", PageStyle.Css));
        root.MapGet("/static/live.js", context => Send(context, 200, "text/javascript; charset=utf-8", PageStyle.Script));
        root.MapGet("/", RunsAsync);
        root.MapGet("/runs/{id}", RunAsync);
        root.MapGet("/runs/{id}/events", EventsAsync);
        root.MapPost("/runs/{id}/approve", context => FormDecisionAsync(context, RunEventKinds.Approved));
        root.MapPost("/runs/{id}/reject", context => FormDecisionAsync(context, RunEventKinds.Rejected));
        root.MapGet("/login", LoginPageAsync);
        root.MapPost("/login", LoginAsync);
        root.MapPost("/logout", LogoutAsync);
        root.MapGet("/api/runs", ApiRunsAsync);
        root.MapGet("/api/runs/{id}", ApiRunAsync);
        root.MapPost("/api/runs/{id}/approve", context => ApiDecisionAsync(context, RunEventKinds.Approved));
        root.MapPost("/api/runs/{id}/reject", context => ApiDecisionAsync(context, RunEventKinds.Rejected));
        app.MapFallback(context => Send(context, 404, "text/html; charset=utf-8", PageLayout.Message("Not found", "There is no page here.", Caller.Anonymous, _settings.BasePath)));
        return app;
    }

    private static X509Certificate2 LoadCertificate(string certificate, string? key)
    {
        try
        {
            return key is null ? X509CertificateLoader.LoadCertificateFromFile(certificate) : X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw WebErrors.TlsUnreadable(certificate, e.Message);
        }
    }

    private static Task Send(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, Encoding.UTF8);
    }

    private static Task SendPage(HttpContext context, int status, string html) => Send(context, status, "text/html; charset=utf-8", html);

    private Task SendError(HttpContext context, int status, Caller caller, SlipwayException error) =>
        SendPage(context, status, PageLayout.Message(status == 404 ? "Not found" : "Refused", error.Message, caller, _settings.BasePath, error.CodeText));

    private static string Source(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private static Task SendJson(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new StringWriter();
        JsonOutput.Write(buffer, write);
        return context.Response.WriteAsync(buffer.ToString(), Encoding.UTF8);
    }

    private static Task SendJsonError(HttpContext context, int status, SlipwayException error) =>
        SendJson(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", error.CodeText);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
}
