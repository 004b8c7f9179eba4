using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Pipeline;
using Slipway.Signing;

namespace Slipway.IntegrationTests.Secrets;

/// <summary>
/// No configured secret reaches the journal file, in any encoding a writer could give it: a news fragment that quotes
/// them (as a fragment linked to /proc/self/environ would) lands in the journal as JSON, where System.Text.Json writes
/// '+' as \u002B and '"' as \u0022.
/// </summary>
public sealed class JournalSecretTests : IDisposable
{
    // Each holds characters that JSON, URL encoding or both escape.
    private const string RegistryPassword = "r3g+istry/p&ss<\"\\é x";
    private const string StatePassword = "st&te+pa55/<\"\\é x";
    private const string KeyPassword = "k3y+pa55/w&<\"\\é x";
    private const string GateSecret = "g4te+s3cret/&<\"\\é x";
    private const string ProxyPassword = "pr+xy/p&<\"\\é x";
    private const string RegistryUser = "ci";
    private const string ProxyUser = "proxy-user";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ReleaseProject _project = new(
        """

        [[gate]]
        name = "uses-token"
        command = "test -n \"$TOKEN\""
        env = { TOKEN = "env:SLIPWAY_E2E_GATE_SECRET" }

        [[registry]]
        host = "127.0.0.1:9"
        username = "ci"
        password = "env:SLIPWAY_E2E_REGISTRY_PASSWORD"

        [changelog]
        directory = "changelog.d"
        filename = "CHANGELOG.md"
        """,
        """
        [state]
        store = "sqlite:.slipway/state.db"
        password = "env:SLIPWAY_E2E_STATE_PASSWORD"

        """);

    public JournalSecretTests()
    {
        _project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        _project.Repository.Commit("fragments directory", ("changelog.d/.gitkeep", string.Empty));
        _project.Repository.Git("push", "-q", "origin", "main");
    }

    public void Dispose() => _project.Dispose();

    private static IEnumerable<(string Name, string Value)> Secrets() =>
    [
        ("registry password", RegistryPassword), ("state password", StatePassword), ("key password", KeyPassword),
        ("gate secret", GateSecret), ("proxy password", ProxyPassword),
        ("registry Basic pair", $"{RegistryUser}:{RegistryPassword}"), ("proxy Basic pair", $"{ProxyUser}:{ProxyPassword}"),
    ];

    /// <summary>Every form a secret takes in text: plain, URL-encoded (upper and lower hex, form), base64; each also as JSON escapes it.</summary>
    private static IEnumerable<string> Encodings(string secret)
    {
        var url = Uri.EscapeDataString(secret);
        string[] plain =
        [
            secret, url, LowerPercent(url), WebUtility.UrlEncode(secret), Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
        ];
        foreach (var form in plain)
        {
            yield return form;
            yield return JsonSerializer.Serialize(form)[1..^1];
            yield return JsonSerializer.Serialize(form, Relaxed)[1..^1];
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static string LowerPercent(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());

    private void SetSecrets()
    {
        var environment = _project.Environment;
        environment["SLIPWAY_E2E_REGISTRY_PASSWORD"] = RegistryPassword;
        environment["SLIPWAY_E2E_STATE_PASSWORD"] = StatePassword;
        environment[KeyLoader.PasswordVariable] = KeyPassword;
        environment["SLIPWAY_E2E_GATE_SECRET"] = GateSecret;
        environment["HTTPS_PROXY"] = $"http://{ProxyUser}:{Uri.EscapeDataString(ProxyPassword)}@proxy.internal:3128";
    }

    [Fact]
    public async Task A_release_writes_no_configured_secret_to_the_journal_file_in_any_encoding()
    {
        SetSecrets();
        var quoted = new StringBuilder("Secrets the build leaked:\n\n");
        foreach (var (name, value) in Secrets())
        {
            quoted.Append(CultureInfo.InvariantCulture, $"- {name}: {value} | {Uri.EscapeDataString(value)} | {WebUtility.UrlEncode(value)} | {Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}\n");
        }

        _project.Repository.Commit("fragment", ("changelog.d/7.feature.md", quoted.ToString()));
        _project.Repository.Git("push", "-q", "origin", "main");

        var release = await _project.RunAsync("release", "--yes");
        var json = await _project.RunAsync("status", "--json");
        var table = await _project.RunAsync("status");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        Assert.Equal(ExitCodes.Success, json.ExitCode);
        var files = new[] { _project.StateFile, _project.StateFile + "-wal" }.Where(File.Exists).ToList();
        Assert.Contains(_project.StateFile, files);
        var journal = string.Concat(files.Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains("Secrets the build leaked", journal, StringComparison.Ordinal);
        foreach (var (name, value) in Secrets())
        {
            foreach (var form in Encodings(value))
            {
                Assert.False(journal.Contains(form, StringComparison.Ordinal), $"the journal holds the {name} as {form}");
                foreach (var output in new[] { release.Out, release.Err, json.Out, json.Err, table.Out, table.Err })
                {
                    Assert.False(output.Contains(form, StringComparison.Ordinal), $"the output shows the {name} as {form}");
                }
            }
        }
    }

    [Fact]
    public async Task Status_masks_the_configured_secrets_in_journal_text_written_without_them()
    {
        // A run recorded by a process that did not have the secrets (another CI job, an older slipway).
        _project.Environment["SLIPWAY_E2E_GATE_SECRET"] = GateSecret;
        var release = await _project.RunAsync("release");
        Assert.True(release.ExitCode == ExitCodes.AwaitingApproval, release.ToString());
        var run = await _project.LatestRunIdAsync();
        var rejected = await _project.RunAsync("reject", run, "--reason", $"registry {RegistryPassword}, state {StatePassword}, proxy {ProxyPassword}");
        Assert.True(rejected.ExitCode == ExitCodes.Success, rejected.ToString());

        SetSecrets();
        var json = await _project.RunAsync("status", "--json");
        var table = await _project.RunAsync("status");

        Assert.Equal(ExitCodes.Success, json.ExitCode);
        Assert.Contains("registry ***, state ***, proxy ***", table.Out, StringComparison.Ordinal);
        foreach (var secret in new[] { RegistryPassword, StatePassword, ProxyPassword })
        {
            Assert.DoesNotContain(secret, table.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(JsonSerializer.Serialize(secret)[1..^1], json.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(Strings(JsonDocument.Parse(json.Out).RootElement), s => s.Contains(secret, StringComparison.Ordinal));
        }
    }
}
