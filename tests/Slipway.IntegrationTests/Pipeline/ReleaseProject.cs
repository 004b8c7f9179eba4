using System.Text.Json;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// A sample repository with a version file, gates, a build and a bare remote it was pushed to, driven by the slipway
/// command in-process (<see cref="RunAsync"/>) or as its own process (<see cref="RunProcess"/>).
/// </summary>
public sealed class ReleaseProject : IDisposable
{
    public const string BaseConfig = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
        tag = "v{version}"
        release-branch = "main"

        [build]
        command = "mkdir -p out && echo built > out/app.txt"
        artifacts = ["out/app.txt"]

        [approval]
        required = true
        approvers = ["maintainer1", "maintainer2"]

        [forge]
        kind = "git"
        remote = "origin"

        """;

    public const string EmbeddedState = """
        [state]
        store = "sqlite:.slipway/state.db"
        lease = "2s"

        """;

    /// <summary>The lease the sample configuration sets: a runner SIGKILLed mid-step holds its step this long.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    public const string DefaultGates = """

        [[gate]]
        name = "unit"
        command = "echo unit tests pass"

        [[gate]]
        name = "lint"
        command = "echo lint is clean"
        """;

    public ReleaseProject(string? gates = null, string? state = null)
    {
        Repository.Commit(
            "initial",
            ("slipway.toml", BaseConfig + (state ?? EmbeddedState) + (gates ?? DefaultGates)),
            ("VERSION", "1.2.3\n"),
            (".gitignore", "out/\n.slipway/\n"));
        Repository.AddRemote(Remote);
        Repository.Git("push", "-q", "origin", "main");
        Repository.Git("fetch", "-q", "origin");
        BuiltCommit = Repository.Head;
    }

    public GitTestRepository Repository { get; } = GitTestRepository.Init();

    public GitTestRepository Remote { get; } = GitTestRepository.InitBare();

    public string BuiltCommit { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string StateFile => Path.Combine(Repository.Path, ".slipway", "state.db");

    /// <summary>Adds a gate to the configuration, commits and pushes it; returns the new commit.</summary>
    public string AddGate(string name, string command)
    {
        File.AppendAllText(Path.Combine(Repository.Path, "slipway.toml"), $"\n[[gate]]\nname = \"{name}\"\ncommand = \"{command}\"\n");
        Repository.Git("commit", "-qam", $"gate {name}");
        Repository.Git("push", "-q", "origin", "main");
        return Repository.Head;
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Repository.Path, Environment, args);

    /// <summary>
    /// Runs the built slipway as a process of its own (for SIGKILL and for two concurrent processes). After a SIGKILL
    /// it returns once the killed runner's claims expired (<see cref="Lease"/>), as the next CI job would find them.
    /// </summary>
    public ProcessResult RunProcess(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var result = StartProcess(environment, args);
        if (result.ExitCode == KilledBySigkill)
        {
            Thread.Sleep(Lease + TimeSpan.FromMilliseconds(200));
        }

        return result;
    }

    /// <summary>Runs the built slipway as a process of its own and returns as soon as it ended.</summary>
    public ProcessResult StartProcess(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var cli = typeof(Slipway.Cli.SlipwayApp).Assembly.Location;
        return ProcessRunner.Run("dotnet", [cli, .. args], Repository.Path, environment);
    }

    public const int KilledBySigkill = 137;

    public async Task<JsonElement> StatusAsync(string? run = null)
    {
        var result = run is null ? await RunAsync("status", "--json") : await RunAsync("status", run, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    public async Task<string> LatestRunIdAsync() => (await StatusAsync()).GetProperty("id").GetString()!;

    /// <summary>The commit a tag names on the remote (peeled), or null.</summary>
    public string? RemoteTag(string tag)
    {
        var result = Remote.TryGit("rev-parse", "-q", "--verify", $"refs/tags/{tag}^{{commit}}");
        return result.ExitCode == 0 ? result.Out.Trim() : null;
    }

    public IReadOnlyList<string> RemoteTags() =>
        [.. Remote.Git("tag", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public void Dispose()
    {
        Repository.Dispose();
        Remote.Dispose();
    }
}
