using System.Net;
using Slipway.Cli;
using Slipway.Cli.Commands;
using Slipway.Cli.Web;
using Slipway.Diagnostics;

namespace Slipway.Tests.Cli.Web;

/// <summary><c>slipway serve</c>'s options: where it listens, TLS off loopback, the base path, the trusted proxy header.</summary>
public sealed class ServeSettingsTests : IDisposable
{
    private readonly StringWriter _error = new();

    public void Dispose() => _error.Dispose();

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("localhost:0", "127.0.0.1", 0)]
    [InlineData("[::1]:9000", "::1", 9000)]
    public void A_loopback_address_needs_no_tls(string listen, string address, int port)
    {
        var settings = Settings(listen);

        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), settings.Listen);
        Assert.Empty(_error.ToString());
    }

    [Theory]
    [InlineData("0.0.0.0:8080")]
    [InlineData("192.0.2.1:443")]
    [InlineData("[::]:8080")]
    public void Another_address_without_a_certificate_is_refused(string listen)
    {
        var error = Assert.Throws<SlipwayException>(() => Settings(listen));

        Assert.Equal(ErrorCode.ListenInsecure, error.Code);
    }

    [Fact]
    public void Another_address_with_insecure_http_is_served_with_a_warning()
    {
        var settings = Settings("0.0.0.0:8080", insecure: true);

        Assert.Equal(IPAddress.Any, settings.Listen.Address);
        Assert.Contains("warning: serving plain HTTP on 0.0.0.0:8080", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_address_with_a_certificate_is_served_without_a_warning()
    {
        Settings("0.0.0.0:8443", cert: "cert.pem");

        Assert.Empty(_error.ToString());
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("127.0.0.1")]
    [InlineData("example.com:80")]
    [InlineData("127.0.0.1:99999")]
    public void A_listen_value_that_is_not_address_and_port_is_refused(string listen)
    {
        Assert.Equal(ErrorCode.ListenInvalid, Assert.Throws<SlipwayException>(() => Settings(listen)).Code);
    }

    [Theory]
    [InlineData("/slipway/", "/slipway")]
    [InlineData("/", "")]
    [InlineData(null, "")]
    public void The_base_path_loses_its_trailing_slash(string? basePath, string expected)
    {
        Assert.Equal(expected, Settings("127.0.0.1:0", basePath: basePath).BasePath);
    }

    [Theory]
    [InlineData("slipway")]
    [InlineData("//evil.example")]
    [InlineData("/a b")]
    [InlineData("/a\"><script>")]
    public void A_base_path_that_is_not_a_plain_path_is_refused(string basePath)
    {
        Assert.Equal(ErrorCode.BasePathInvalid, Assert.Throws<SlipwayException>(() => Settings("127.0.0.1:0", basePath: basePath)).Code);
    }

    [Fact]
    public void The_trusted_header_needs_proxies_and_proxies_need_the_header()
    {
        Assert.Equal(ErrorCode.TrustedProxyInvalid, Assert.Throws<SlipwayException>(() => Settings("127.0.0.1:0", header: "X-Forwarded-User")).Code);
        Assert.Equal(ErrorCode.TrustedProxyInvalid, Assert.Throws<SlipwayException>(() => Settings("127.0.0.1:0", proxies: ["192.0.2.10"])).Code);
        Assert.Equal(ErrorCode.TrustedProxyInvalid, Assert.Throws<SlipwayException>(() => Settings("127.0.0.1:0", header: "X-Forwarded-User", proxies: ["proxy.example"])).Code);

        var settings = Settings("127.0.0.1:0", header: "X-Forwarded-User", proxies: ["192.0.2.10", "::1"]);
        Assert.Equal([IPAddress.Parse("192.0.2.10"), IPAddress.IPv6Loopback], settings.TrustedProxies);
    }

    private ServeSettings Settings(string listen, string? basePath = null, string? cert = null, bool insecure = false, string? header = null, string[]? proxies = null) =>
        ServeCommand.Settings(new CliHost(new StringWriter(), _error, new DictionaryEnvironment(), Path.GetTempPath()), listen, basePath, cert, null, insecure, header, proxies ?? []);
}
