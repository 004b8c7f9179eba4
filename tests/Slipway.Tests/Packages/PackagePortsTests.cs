using System.Net;
using System.Text;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Packages;
using Slipway.Packages.PyPI;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Npm;
using Slipway.Tests.Infra.Packages;
using Slipway.Tests.Packages.PyPI;

namespace Slipway.Tests.Packages;

/// <summary>The composition of [[package]] into publishers: PyPI's endpoints, and trusted publishing's credential per kind.</summary>
public sealed class PackagePortsTests : IDisposable
{
    private const string RequestUrl = "http://actions.test/_apis/token?api-version=2.0";
    private readonly TempDirectory _directory = new();
    private readonly SecretRedactor _redactor = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 9, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly PackageRelease Release = new("1.2.3", false, true);

    public void Dispose() => _directory.Dispose();

    private SlipwayConfig Parse(string package, Dictionary<string, string>? variables = null) =>
        ConfigLoader.Parse(
            "[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '^(?<version>\\S+)$' }\n\n[[package]]\n" + package,
            Path.Combine(_directory.Path, "slipway.toml"),
            _directory.Path,
            Environment(variables),
            _redactor);

    private static DictionaryEnvironment Environment(Dictionary<string, string>? variables) => new(variables ?? []);

    private static Dictionary<string, string> Actions() =>
        new() { ["ACTIONS_ID_TOKEN_REQUEST_URL"] = RequestUrl, ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "ghs_REQUEST" };

    private static HttpResponseMessage Json(int status, string body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    [Fact]
    public void PyPI_uploads_to_the_public_index_unless_registry_names_another_and_knows_the_public_JSON_API()
    {
        var config = Parse("kind = \"pypi\"\nfiles = [\"dist/*.whl\"]\ntoken = \"env:PYPI_TOKEN\"\n\n[[package]]\nkind = \"pypi\"\nfiles = [\"dist/*.whl\"]\nregistry = \"https://test.pypi.org/legacy/\"\ntoken = \"env:PYPI_TOKEN\"\n\n[[package]]\nkind = \"pypi\"\nfiles = [\"dist/*.whl\"]\nregistry = \"http://127.0.0.1:9/legacy/\"\ntoken = \"env:PYPI_TOKEN\"");

        Assert.Equal(
            [("https://upload.pypi.org/legacy/", "https://pypi.org/pypi/"), ("https://test.pypi.org/legacy/", "https://test.pypi.org/pypi/"), ("http://127.0.0.1:9/legacy/", null)],
            config.Packages.Select(p => (PackagePorts.UploadUrl(p).AbsoluteUri, PackagePorts.JsonApiUrl(p)?.AbsoluteUri)));
        using var publisher = Assert.IsType<PyPIPublisher>(PackagePorts.Publisher(config, config.Packages[0], Release, Environment(null), _redactor, _time));
    }

    [Fact]
    public async Task PyPI_with_trusted_publishing_uploads_with_the_token_minted_from_the_Actions_identity()
    {
        using var handler = new ScriptedHandler(r => (r.RequestUri!.Host, r.RequestUri.AbsolutePath) switch
        {
            ("actions.test", _) => Json(200, """{"value":"eyJ.id.sig"}"""),
            (_, "/_/oidc/audience") => Json(200, """{"audience":"pypi"}"""),
            (_, "/_/oidc/mint-token") => Json(200, """{"success":true,"token":"pypi-minted-1","expires":1788264000}"""),
            (_, "/legacy/") => ScriptedHandler.Status(200, "OK"),
            _ => Json(404, "{}"),
        });
        var config = Parse("kind = \"pypi\"\nfiles = [\"dist/*.whl\"]\nregistry = \"http://pypi.test/legacy/\"\ntrusted-publishing = true", Actions());
        var wheel = PythonDistributions.Wheel(_directory.Path, "demo", "1.2.3");
        using var publisher = (PyPIPublisher)PackagePorts.Publisher(config, config.Packages[0], Release, Environment(Actions()), _redactor, _time, handler);

        PackagePorts.EnsureCredential(config.Packages[0], publisher, wheel, Environment(Actions()));
        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(wheel, Ct));

        var upload = handler.Requests.Single(r => r.Request.RequestUri!.AbsolutePath == "/legacy/").Request;
        Assert.Equal("Basic", upload.Headers.Authorization!.Scheme);
        Assert.Equal("__token__:pypi-minted-1", Encoding.UTF8.GetString(Convert.FromBase64String(upload.Headers.Authorization.Parameter!)));
        Assert.Contains("pypi-minted-1", _redactor.Secrets);
    }

    [Fact]
    public async Task Npm_with_trusted_publishing_mints_a_token_for_the_package_and_publishes_with_it()
    {
        using var handler = new ScriptedHandler(r => (r.Method.Method, r.RequestUri!.Host, r.RequestUri.AbsolutePath) switch
        {
            (_, "actions.test", _) => Json(200, """{"value":"eyJ.id.sig"}"""),
            ("POST", _, "/-/npm/v1/oidc/token/exchange/package/@acme%2Fdemo") => Json(201, """{"token":"npm-minted-1"}"""),
            ("PUT", _, _) => Json(201, """{"ok":true}"""),
            _ => Json(404, """{"error":"not found"}"""),
        });
        var config = Parse("kind = \"npm\"\nfiles = [\"npm/*.tgz\"]\nregistry = \"http://npm.test/\"\ntrusted-publishing = true", Actions());
        var tarball = PythonDistributions.Describe(NpmTarballs.Write(Path.Combine(_directory.Path, "demo-1.2.3.tgz"), "@acme/demo", "1.2.3"));
        var publisher = PackagePorts.Publisher(config, config.Packages[0], Release, Environment(Actions()), _redactor, _time, handler);

        PackagePorts.EnsureCredential(config.Packages[0], publisher, tarball, Environment(Actions()));
        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(tarball, Ct));

        var put = handler.Requests.Single(r => r.Request.Method == HttpMethod.Put).Request;
        Assert.Equal("npm-minted-1", put.Headers.Authorization!.Parameter);
        Assert.Contains(handler.Requests, r => r.Request.RequestUri!.AbsoluteUri == RequestUrl + "&audience=npm%3Anpm.test");
        Assert.Contains("npm-minted-1", _redactor.Secrets);
    }

    [Fact]
    public void Trusted_publishing_without_an_Actions_identity_is_refused_before_anything_is_sent()
    {
        using var handler = new ScriptedHandler(_ => Json(500, "{}"));
        var config = Parse("kind = \"pypi\"\nfiles = [\"dist/*.whl\"]\ntrusted-publishing = true");
        var wheel = PythonDistributions.Wheel(_directory.Path, "demo", "1.2.3");
        using var publisher = (PyPIPublisher)PackagePorts.Publisher(config, config.Packages[0], Release, Environment(null), _redactor, _time, handler);

        var error = Assert.Throws<SlipwayException>(() => PackagePorts.EnsureCredential(config.Packages[0], publisher, wheel, Environment(new() { ["ACTIONS_ID_TOKEN_REQUEST_URL"] = RequestUrl })));

        Assert.Equal(ErrorCode.PackageCredentialMissing, error.Code);
        Assert.Contains("ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
