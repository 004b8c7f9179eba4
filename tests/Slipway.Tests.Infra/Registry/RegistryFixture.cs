using System.Diagnostics;
using Slipway.Oci;

namespace Slipway.Tests.Infra.Registry;

/// <summary>
/// The real CNCF distribution registry (<c>/usr/bin/docker-registry serve config.yml</c>) on a free 127.0.0.1 port,
/// storing in a temp folder with deletes enabled; anonymous, htpasswd Basic, or token auth. Polls until it answers,
/// keeps its log for failing tests, and kills only its own process on dispose.
/// </summary>
public sealed class RegistryFixture : IAsyncDisposable, IDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    public const string Username = "slipway";
    public const string Password = "s3cret-registry-password";

    private readonly TempDirectory _directory;
    private readonly ServerProcess _process;

    private RegistryFixture(RegistryAuthMode mode, TempDirectory directory, int port, ServerProcess process, TokenServer? tokens)
    {
        Mode = mode;
        _directory = directory;
        Port = port;
        _process = process;
        Tokens = tokens;
    }

    public RegistryAuthMode Mode { get; }

    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, the registry part of an image reference.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public TokenServer? Tokens { get; }

    public string StorageDirectory => _directory["storage"];

    public RegistryCredentials? Credentials => Mode == RegistryAuthMode.Anonymous ? null : new RegistryCredentials(Username, Password);

    public string Log => _process.Log;

    public ImageReference Reference(string repository, string? tag = null) => new(Host, repository, tag);

    /// <summary>A client for this registry, with its credentials when it needs some.</summary>
    public RegistryClient CreateClient(Func<RegistryClientOptions, RegistryClientOptions>? configure = null)
    {
        var options = new RegistryClientOptions
        {
            Credentials = Credentials is null
                ? StaticCredentialProvider.Empty
                : new StaticCredentialProvider(new Dictionary<string, RegistryCredentials> { [Host] = Credentials }),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        };
        return new RegistryClient(configure is null ? options : configure(options));
    }

    public static async Task<RegistryFixture> StartAsync(RegistryAuthMode mode = RegistryAuthMode.Anonymous)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: run scripts/setup (Debian package docker-registry)");
        }

        // A port free when asked can be taken before the registry binds it (another test's server, or the local end of
        // an outgoing connection); the registry then exits at once, and another port is tried.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(mode);
            }
            catch (RegistryExitedException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<RegistryFixture> StartOnceAsync(RegistryAuthMode mode)
    {

        var directory = new TempDirectory("registry");
        var port = FreePort.Next();
        TokenServer? tokens = null;
        var auth = string.Empty;
        switch (mode)
        {
            case RegistryAuthMode.Basic:
                var line = ProcessRunner.Run("htpasswd", ["-Bbn", Username, Password]).EnsureSuccess("htpasswd").Out.Trim();
                directory.Write("htpasswd", line + "\n");
                auth = $"""
                    auth:
                      htpasswd:
                        realm: slipway-test
                        path: {directory["htpasswd"]}
                    """;
                break;
            case RegistryAuthMode.Token:
                tokens = TokenServer.Start("slipway-test-registry", new Dictionary<string, string> { [Username] = Password });
                directory.Write("token.pem", tokens.CertificatePem);
                auth = $"""
                    auth:
                      token:
                        realm: {tokens.Realm}
                        service: {tokens.Service}
                        issuer: {tokens.Issuer}
                        rootcertbundle: {directory["token.pem"]}
                    """;
                break;
        }

        directory.Write("config.yml", $"""
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: false
            storage:
              filesystem:
                rootdirectory: {directory["storage"]}
              delete:
                enabled: true
              maintenance:
                uploadpurging:
                  enabled: false
            http:
              addr: 127.0.0.1:{port}
              secret: slipway-test-secret
            {auth}
            """);

        var process = ServerProcess.Start("docker-registry", new ProcessStartInfo(Binary)
        {
            ArgumentList = { "serve", directory["config.yml"] },
            WorkingDirectory = directory.Path,
        });
        var fixture = new RegistryFixture(mode, directory, port, process, tokens);
        try
        {
            await fixture.WaitUntilReadyAsync();
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }

        return fixture;
    }

    // Any answer from /v2/ (401 included when auth is on) means it is serving.
    private Task WaitUntilReadyAsync() =>
        _process.WaitUntilAnsweringAsync(new Uri($"http://{Host}/v2/"), _ => true, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));

    public void Dispose()
    {
        _process.Dispose();
        Tokens?.Dispose();
        _directory.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
