using System.Net;
using System.Net.Sockets;
using System.Text;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Secrets;

/// <summary>
/// .NET's HTTP client quotes the proxy URL, credentials included, when a proxy refuses a tunnel. Played by a listener
/// that answers every CONNECT with 407; slipway runs as its own process, since the HTTP stack reads the proxy variables
/// of the real process environment.
/// </summary>
public sealed class ProxyCredentialTests
{
    private const string User = "ci-proxy";
    private const string Password = "pr+xy/p&ss w0rd";

    [Theory]
    [InlineData("HTTPS_PROXY")]
    [InlineData("https_proxy")]
    [InlineData("ALL_PROXY")]
    public async Task A_proxy_that_refuses_the_tunnel_is_named_without_its_credentials(string variable)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var proxy = RefuseEveryTunnelAsync(listener, stop.Token);
        using var temp = new TempDirectory();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HTTPS_PROXY"] = null, ["https_proxy"] = null, ["HTTP_PROXY"] = null, ["http_proxy"] = null,
            ["ALL_PROXY"] = null, ["all_proxy"] = null, ["NO_PROXY"] = null, ["no_proxy"] = null,
            [variable] = $"http://{User}:{Uri.EscapeDataString(Password)}@127.0.0.1:{port}",
        };
        var cli = typeof(Slipway.Cli.SlipwayApp).Assembly.Location;

        var result = ProcessRunner.Run("dotnet", [cli, "image", "inspect", "registry.proxied.test/acme/demo:1"], temp.Path, environment);
        await stop.CancelAsync();
        await proxy;

        Assert.True(result.ExitCode == 1, $"{result.ExitCode}\n{result.Out}\n{result.Err}");
        Assert.Contains("error SLW40", result.Err, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{port}/", result.Err, StringComparison.Ordinal);
        foreach (var form in new[] { User, Password, Uri.EscapeDataString(Password), WebUtility.UrlEncode(Password), Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")) })
        {
            Assert.DoesNotContain(form, result.Err + result.Out, StringComparison.Ordinal);
        }
    }

    private static async Task RefuseEveryTunnelAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var answer = "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var head = new StringBuilder();
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await stream.WriteAsync(answer, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }
}
