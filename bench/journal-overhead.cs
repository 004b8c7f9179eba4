#:project ../src/Slipway/Slipway.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

// The journal's cost per step: what the runner writes around every step (started, then succeeded with outputs), timed
// over many steps, on a real SQLite file in WAL mode or, given a connection string, on PostgreSQL.
// Usage: dotnet run bench/journal-overhead.cs [steps] [postgres-connection-string]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Diagnostics;
using Slipway.State;

var steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var directory = Path.Combine(Path.GetTempPath(), "slipway-bench-journal-" + Guid.NewGuid().ToString("N")[..8]);
try
{
    using IRunJournal journal = args.Length > 1
        ? PostgresRunJournal.Open(args[1], null, new SecretRedactor())
        : SqliteRunJournal.Open(Path.Combine(directory, "state.db"), new SecretRedactor());
    var run = (await journal.ClaimAsync(new NewRun("bench", "1.0.0", new string('a', 40), "sha256:00", []), RunOwner.ForThisProcess())).Run;
    var outputs = new JsonObject { ["tag"] = "v1.0.0", ["commit"] = new string('a', 40), ["created"] = true };
    var samples = new List<double>(steps);
    for (var i = 0; i < steps; i++)
    {
        var clock = Stopwatch.StartNew();
        await journal.StepStartedAsync(run.Id, $"step-{i}");
        await journal.StepSucceededAsync(run.Id, $"step-{i}", outputs);
        samples.Add(clock.Elapsed.TotalMilliseconds);
    }

    samples.Sort();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{(args.Length > 1 ? "postgres" : "sqlite")} journal per step (started + succeeded), {steps} steps: median {samples[steps / 2]:0.00} ms, p90 {samples[steps * 9 / 10]:0.00} ms, max {samples[^1]:0.00} ms"));
}
finally
{
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}
