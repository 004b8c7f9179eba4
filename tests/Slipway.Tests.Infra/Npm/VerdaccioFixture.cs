using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Slipway.Tests.Infra.Registry;

namespace Slipway.Tests.Infra.Npm;

/// <summary>
/// Verdaccio 6.8 (tools/npm-registry, installed by scripts/setup) on a free 127.0.0.1 port with a temp configuration
/// and storage, no uplink (nothing is ever fetched from npmjs), publishing for authenticated users only. One user is
/// registered at start and its token kept (<see cref="Token"/>). Kills only its own process on dispose.
/// </summary>
public sealed class VerdaccioFixture : IAsyncDisposable, IDisposable
{
    public const string User = "slipway";
    public const string Password = "verdaccio-test-password";

    private readonly TempDirectory _directory;
    private readonly ServerProcess _process;

    private VerdaccioFixture(TempDirectory directory, int port, ServerProcess process)
    {
        _directory = directory;
        Port = port;
        _process = process;
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public string Token { get; private set; } = string.Empty;

    public string Log => _process.Log;

    public static string Entry => Path.Combine(RepositoryRoot.Path, "tools", "npm-registry", "node_modules", "verdaccio", "bin", "verdaccio");

    public static async Task<VerdaccioFixture> StartAsync()
    {
        if (!File.Exists(Entry))
        {
            throw new InvalidOperationException($"{Entry} is missing: run scripts/setup (npm ci in tools/npm-registry)");
        }

        for (var attempt = 1; ; attempt++)
        {
            var fixture = Launch();
            try
            {
                await fixture.WaitUntilReadyAsync();
                await fixture.RegisterUserAsync();
                return fixture;
            }
            catch (RegistryExitedException) when (attempt < 3)
            {
                await fixture.DisposeAsync();
            }
            catch
            {
                await fixture.DisposeAsync();
                throw;
            }
        }
    }

    private static VerdaccioFixture Launch()
    {
        var directory = new TempDirectory("verdaccio");
        var port = FreePort.Next();
        directory.Write("config.yaml", $"""
            storage: {directory["storage"]}
            auth:
              htpasswd:
                file: {directory["htpasswd"]}
                max_users: 100
            packages:
              '@*/*':
                access: $all
                publish: $authenticated
                unpublish: $authenticated
              '**':
                access: $all
                publish: $authenticated
                unpublish: $authenticated
            server:
              keepAliveTimeout: 60
            log:
              type: stdout
              format: pretty
              level: warn
            """);
        var process = ServerProcess.Start("verdaccio", new ProcessStartInfo("node")
        {
            ArgumentList = { Entry, "--config", directory["config.yaml"], "--listen", $"127.0.0.1:{port}" },
            WorkingDirectory = directory.Path,
        });
        return new VerdaccioFixture(directory, port, process);
    }

    /// <summary>An .npmrc for the real npm client: this registry and its token, no cache shared with anything else.</summary>
    public string WriteNpmrc(string directory)
    {
        var path = Path.Combine(directory, ".npmrc");
        File.WriteAllText(path, $"registry={Url}\n//127.0.0.1:{Port}/:_authToken={Token}\naudit=false\nfund=false\nupdate-notifier=false\n");
        return path;
    }

    /// <summary>Runs the real npm CLI in <paramref name="directory"/> against this registry (its own .npmrc and cache).</summary>
    public ProcessResult Npm(string directory, params string[] arguments)
    {
        var npmrc = WriteNpmrc(directory);
        return ProcessRunner.Run(
            "npm",
            arguments,
            directory,
            new Dictionary<string, string?>
            {
                ["NPM_CONFIG_USERCONFIG"] = npmrc,
                ["NPM_CONFIG_CACHE"] = Path.Combine(directory, ".npm-cache"),
                ["NPM_CONFIG_REGISTRY"] = Url.ToString(),
            });
    }

    public async Task<JsonObject?> PackumentAsync(string escapedName)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(Url, escapedName));
        return response.IsSuccessStatusCode ? (JsonObject?)JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }

    private async Task RegisterUserAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PutAsJsonAsync(
            new Uri(Url, $"-/user/org.couchdb.user:{User}"),
            new JsonObject { ["name"] = User, ["password"] = Password, ["type"] = "user", ["roles"] = new JsonArray(), ["date"] = "2026-01-01T00:00:00Z" });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"verdaccio refused the test user: {(int)response.StatusCode} {body}\n{Log}");
        }

        Token = JsonNode.Parse(body)?["token"]?.GetValue<string>() ?? throw new InvalidOperationException($"verdaccio returned no token: {body}");
    }

    private Task WaitUntilReadyAsync() =>
        _process.WaitUntilAnsweringAsync(new Uri(Url, "-/ping"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));

    public void Dispose()
    {
        _process.Dispose();
        _directory.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
