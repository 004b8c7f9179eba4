using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.State;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Pipeline;

/// <summary>A configuration in a temp folder, a real SQLite journal in it, and a runner over in-memory steps.</summary>
public sealed class RunnerHarness : IDisposable
{
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private const string ConfigText = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
        """;

    public RunnerHarness(string? extraConfig = null, TimeProvider? time = null)
    {
        Directory.Write("slipway.toml", ConfigText + "\n" + (extraConfig ?? string.Empty));
        Config = ConfigLoader.Load(Directory["slipway.toml"], Directory.Path, Environment, Redactor);
        Journal = SqliteRunJournal.Open(Directory[".slipway/state.db"], Redactor, time);
        Services = new RunServices(Environment, Redactor, time ?? TimeProvider.System, RunOwner.ForThisProcess());
    }

    public TempDirectory Directory { get; } = new("runner");

    public SecretRedactor Redactor { get; } = new();

    public DictionaryEnvironment Environment { get; } = new();

    public SlipwayConfig Config { get; }

    public SqliteRunJournal Journal { get; }

    public RunServices Services { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    public ReleaseRunner Runner(params ReleaseStep[] steps) =>
        new(StepGraph.Create(steps), Config, Journal, Services, SilentRunObserver.Instance);

    /// <summary>An executor of <paramref name="steps"/> as another runner (its own owner token) would run them.</summary>
    public StepExecutor Executor(RunOwner owner, params ReleaseStep[] steps) =>
        new(StepGraph.Create(steps), Config, Journal, Services with { Owner = owner }, SilentRunObserver.Instance);

    public ReleaseSession Session(params ReleaseStep[] steps) =>
        new(Config, Journal, StepGraph.Create(steps), Services, SilentRunObserver.Instance);

    public FakeStep Step(string name, params string[] dependsOn) => new(name, dependsOn) { Log = Log };

    public async Task<RunRecord> NewRunAsync(string version = "1.2.3")
    {
        var claim = await Journal.OpenRunAsync(
            new NewRun("demo", version, Commit, ConfigurationHash.Of(Config), new JsonObject()));
        return claim.Run;
    }

    public async Task<Dictionary<string, StepRecord>> StepsAsync(string runId) =>
        (await Journal.StepsAsync(runId)).ToDictionary(s => s.Name);

    public IReadOnlyList<string> Entries(string prefix) => [.. Log.Where(e => e.StartsWith(prefix, StringComparison.Ordinal))];

    public void Dispose()
    {
        Journal.Dispose();
        Directory.Dispose();
    }
}
