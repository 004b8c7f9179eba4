using System.Net;

namespace Slipway.Cli.Web;

/// <summary>How <c>slipway serve</c> listens and whom it believes: the address, the base path, TLS, the trusted proxy header.</summary>
internal sealed record ServeSettings(
    IPEndPoint Listen,
    string BasePath,
    string? TlsCertificate,
    string? TlsKey,
    string? TrustHeader,
    IReadOnlyList<IPAddress> TrustedProxies)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);
}
