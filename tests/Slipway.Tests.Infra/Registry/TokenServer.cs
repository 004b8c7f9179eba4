using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Slipway.Tests.Infra.Registry;

/// <summary>
/// A small token server for distribution's <c>auth.token</c> (docs/content/spec/auth/token.md, jwt.md): checks Basic
/// credentials, grants the requested actions (or what <see cref="Grant"/> decides), and issues ES256 JWTs signed by a
/// key whose self-signed certificate the registry trusts, carried in the <c>x5c</c> header.
/// </summary>
public sealed class TokenServer : LoopbackHttpServer
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly IReadOnlyDictionary<string, string> _users;

    private TokenServer(string service, IReadOnlyDictionary<string, string> users)
    {
        Service = service;
        _users = users;
        var request = new CertificateRequest("CN=slipway-test-token-issuer", _key, HashAlgorithmName.SHA256);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Serve();
    }

    public string Service { get; }

    public string Issuer => "slipway-test-issuer";

    public string Realm => $"http://127.0.0.1:{Port}/token";

    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>Seconds each token lives (<c>expires_in</c>).</summary>
    public int Lifetime { get; set; } = 300;

    /// <summary>
    /// Decides the actions granted for (user or null, repository, requested actions); default: a known user gets all
    /// requested, an anonymous one only pull, as for a public repository.
    /// </summary>
    public Func<string?, string, IReadOnlyList<string>, IReadOnlyList<string>> Grant { get; set; } =
        (user, _, actions) => user is null ? [.. actions.Where(a => a == "pull")] : actions;

    /// <summary>Every token request's query string, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static TokenServer Start(string service, IReadOnlyDictionary<string, string> users) => new(service, users);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var (status, body) = Handle(context);
        await WriteJsonAsync(context.Response, status, body);
    }

    private (int Status, string Body) Handle(HttpListenerContext context)
    {
        var query = context.Request.Url!.Query.TrimStart('?');
        Requests.Enqueue(query);
        string? user = null;
        var header = context.Request.Headers["Authorization"];
        if (header is not null)
        {
            var decoded = header.StartsWith("Basic ", StringComparison.Ordinal)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]))
                : string.Empty;
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !_users.TryGetValue(decoded[..colon], out var password) || password != decoded[(colon + 1)..])
            {
                return (401, """{"errors":[{"code":"UNAUTHORIZED","message":"invalid credentials"}]}""");
            }

            user = decoded[..colon];
        }

        var access = new List<(string Name, IReadOnlyList<string> Actions)>();
        foreach (var scope in query.Split('&').Where(p => p.StartsWith("scope=", StringComparison.Ordinal)).Select(p => Uri.UnescapeDataString(p[6..])))
        {
            // repository:NAME:ACTIONS — the name itself may contain ':' only with a port, which repositories never have.
            var parts = scope.Split(':');
            if (parts.Length != 3 || parts[0] != "repository")
            {
                continue;
            }

            var requested = parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries);
            var granted = Grant(user, parts[1], requested);
            access.Add((parts[1], granted));
        }

        var token = Issue(user, access);
        return (200, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["token"] = token,
            ["access_token"] = token,
            ["expires_in"] = Lifetime,
            ["issued_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        }));
    }

    private string Issue(string? user, List<(string Name, IReadOnlyList<string> Actions)> access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new Dictionary<string, object>
        {
            ["typ"] = "JWT",
            ["alg"] = "ES256",
            ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) },
        };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = user ?? string.Empty,
            ["aud"] = Service,
            ["exp"] = now + Lifetime,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access.Select(a => new Dictionary<string, object>
            {
                ["type"] = "repository",
                ["name"] = a.Name,
                ["actions"] = a.Actions,
            }).ToList(),
        };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));

        // JWS ES256 signatures are r||s (IEEE P1363), which is .NET's default ECDSA signature format.
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _certificate.Dispose();
            _key.Dispose();
        }
    }
}
