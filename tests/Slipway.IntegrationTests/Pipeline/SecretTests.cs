using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>Secrets handed to gates never reach stdout, stderr, the journal or the logs, even when a gate prints them.</summary>
public sealed class SecretTests : IDisposable
{
    private const string ApiKey = "sk-or-v1-5f0c1d2e3a4b5c6d7e8f";
    private const string RegistryPassword = "hunter2-registry-Pa55word";

    private const string LeakyGates = """

        [[gate]]
        name = "publish-check"
        command = "echo \"using key $API_KEY\"; echo \"password $REGISTRY_PASSWORD\" >&2; echo \"mode $MODE\""
        env = { API_KEY = "env:SLIPWAY_E2E_API_KEY", REGISTRY_PASSWORD = "env:SLIPWAY_E2E_REGISTRY_PASSWORD", MODE = "release" }

        [[gate]]
        name = "auth"
        command = "echo \"login failed for $REGISTRY_PASSWORD\" >&2; exit 1"
        env = { REGISTRY_PASSWORD = "env:SLIPWAY_E2E_REGISTRY_PASSWORD" }
        """;

    private readonly ReleaseProject _project = new(LeakyGates);

    public SecretTests()
    {
        _project.Environment["SLIPWAY_E2E_API_KEY"] = ApiKey;
        _project.Environment["SLIPWAY_E2E_REGISTRY_PASSWORD"] = RegistryPassword;
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_whole_run_writes_neither_secret_to_output_journal_or_logs()
    {
        var release = await _project.RunAsync("release");
        var status = await _project.RunAsync("status", "--json");

        Assert.Equal(ExitCodes.Failed, release.ExitCode);
        Assert.Contains("login failed for ***", release.Out, StringComparison.Ordinal);
        var log = Path.Combine(_project.Repository.Path, ".slipway", "runs", await _project.LatestRunIdAsync(), "gates", "publish-check.log");
        // Literal values are settings, not secrets: they stay readable.
        Assert.Equal(
            ["mode release", $"password {SecretRedactor.Mask}", $"using key {SecretRedactor.Mask}"],
            File.ReadAllLines(log).Order(StringComparer.Ordinal));
        foreach (var text in new[] { release.Out, release.Err, status.Out, status.Err })
        {
            Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(RegistryPassword, text, StringComparison.Ordinal);
        }

        var files = Directory.EnumerateFiles(Path.Combine(_project.Repository.Path, ".slipway"), "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("state.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = File.ReadAllText(file);
            Assert.DoesNotContain(ApiKey, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(RegistryPassword, bytes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Secrets_the_configuration_names_are_masked_in_a_gate_log_before_slipway_uses_them()
    {
        // The registry password and the signing key's password are in the environment the gates and the build inherit;
        // slipway resolves them only at push and sign, after the gates ran.
        using var project = new ReleaseProject("""

            [[gate]]
            name = "env"
            command = "echo registry $SLIPWAY_E2E_REGISTRY_PASSWORD key $SLIPWAY_KEY_PASSWORD"

            [[registry]]
            host = "127.0.0.1:9"
            username = "ci"
            password = "env:SLIPWAY_E2E_REGISTRY_PASSWORD"
            """);
        const string KeyPassword = "key-Pa55word-for-signing";
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SLIPWAY_E2E_REGISTRY_PASSWORD"] = RegistryPassword,
            ["SLIPWAY_KEY_PASSWORD"] = KeyPassword,
        };

        // Its own process: the gate inherits the real process environment.
        var release = project.RunProcess(environment, "release");

        Assert.True(release.ExitCode == ExitCodes.AwaitingApproval, release.ToString());
        var log = Path.Combine(project.Repository.Path, ".slipway", "runs", await project.LatestRunIdAsync(), "gates", "env.log");
        Assert.Equal([$"registry {SecretRedactor.Mask} key {SecretRedactor.Mask}"], File.ReadAllLines(log));
        Assert.DoesNotContain(RegistryPassword, release.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(KeyPassword, release.ToString(), StringComparison.Ordinal);
    }
}
