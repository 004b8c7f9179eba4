using System.Net;
using System.Text.Json.Nodes;
using Slipway.Cli.Web;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.Pipeline.Outputs;
using Slipway.State;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Web;

/// <summary>One approval server per test class on a free loopback port, over a SQLite journal in a temporary project whose approver is alice.</summary>
public sealed class ApprovalServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("serve");
    private ApprovalServer? _server;

    public string Address => _server!.Address;

    public SqliteRunJournal Journal { get; private set; } = null!;

    public SlipwayConfig Config { get; private set; } = null!;

    public string Directory => _directory.Path;

    public async ValueTask InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_directory.Path, "slipway.toml"), """
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '(?<version>.+)' }
            tag = "v{version}"

            [approval]
            required = true
            approvers = ["alice"]

            [state]
            store = "sqlite:.slipway/state.db"
            """);
        File.WriteAllText(Path.Combine(_directory.Path, "VERSION"), "1.2.3\n");
        Config = LoadConfig();
        Journal = SqliteRunJournal.Open(Path.Combine(_directory.Path, ".slipway/state.db"), new SecretRedactor());
        var settings = new ServeSettings(new IPEndPoint(IPAddress.Loopback, 0), string.Empty, null, null, "X-Forwarded-User", [IPAddress.Parse("192.0.2.10")]);
        _server = await ApprovalServer.StartAsync(settings, LoadConfig, Journal, TimeProvider.System, CancellationToken.None);
    }

    /// <summary>A run of demo that awaits approval, started from the configuration as it is.</summary>
    public async Task<string> AwaitingRunAsync(string version, string? commit = null)
    {
        var start = await Journal.OpenRunAsync(new NewRun("demo", version, commit ?? new string('a', 40), ConfigurationHash.Of(Config), new JsonObject(), [StepNames.Approval]));
        await Journal.StepStartedAsync(start.Run.Id, StepNames.Approval);
        await Journal.SetStepStatusAsync(start.Run.Id, StepNames.Approval, StepStatus.AwaitingApproval, null);
        await Journal.SetRunStatusAsync(start.Run.Id, RunStatus.AwaitingApproval, true);
        return start.Run.Id;
    }

    /// <summary>A run awaiting approval whose pushed image (an index of two platforms) and scan findings the page shows.</summary>
    public async Task<string> AwaitingRunWithImagesAsync(string version)
    {
        var start = await Journal.OpenRunAsync(new NewRun("demo", version, new string('b', 40), ConfigurationHash.Of(Config), new JsonObject(), [StepNames.PushPrerelease, StepNames.Scan, StepNames.Approval]));
        var run = start.Run.Id;
        var image = new PushedImage(
            "127.0.0.1:5000/demo/app",
            Slipway.Oci.Digest.Parse("sha256:" + new string('1', 64)),
            [new PlatformDigest("linux/amd64", Slipway.Oci.Digest.Parse("sha256:" + new string('2', 64))), new PlatformDigest("linux/arm64", Slipway.Oci.Digest.Parse("sha256:" + new string('3', 64)))],
            [$"{version}-rc"]);
        await Journal.StepStartedAsync(run, StepNames.PushPrerelease);
        await Journal.StepSucceededAsync(run, StepNames.PushPrerelease, StepOutputJson.Write(new PrereleaseImages([image], [])));
        await Journal.StepStartedAsync(run, StepNames.Scan);
        var scan = new ScanOutcome("2 findings at or above HIGH; 1 ignored", new Dictionary<string, int> { ["CRITICAL"] = 1, ["HIGH"] = 1, ["LOW"] = 4 }, ["CVE-2026-0001 in openssl", "CVE-2026-0002 in zlib"], 1);
        await Journal.StepSucceededAsync(run, StepNames.Scan, StepOutputJson.Write(scan));
        await Journal.StepStartedAsync(run, StepNames.Approval);
        await Journal.SetStepStatusAsync(run, StepNames.Approval, StepStatus.AwaitingApproval, null);
        await Journal.SetRunStatusAsync(run, RunStatus.AwaitingApproval, true);
        return run;
    }

    /// <summary>A token for <paramref name="name"/> as <c>slipway approver token</c> issues it.</summary>
    public async Task<string> TokenAsync(string name, TimeSpan? lifetime = null)
    {
        var secret = ApproverSecret.New(ApproverSecret.TokenPrefix);
        await Journal.AddTokenAsync(name, ApproverSecret.Hash(secret), DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromDays(1)));
        return secret;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Journal?.Dispose();
        _directory.Dispose();
    }

    private SlipwayConfig LoadConfig() =>
        ConfigLoader.Load(Path.Combine(_directory.Path, "slipway.toml"), _directory.Path, new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());
}
