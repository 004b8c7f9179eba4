#:project ../src/Slipway/Slipway.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

// Fills a SQLite journal for the approval page bench: RUNS finished runs of project demo (one per version), then one
// run awaiting approval with 50 steps (the 12 a release journals, then 38 more) and 3 pushed images (2 platforms each)
// with their signatures, SBOMs, scan and the release tag moves; prints that run's id.
// Usage: dotnet run bench/approval-page-journal.cs STATE_DB [runs]
using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Pipeline;
using Slipway.Pipeline.Outputs;
using Slipway.State;

var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
using var journal = SqliteRunJournal.Open(args[0], new SecretRedactor());
const string hash = "sha256:bench";
for (var i = 0; i < runs; i++)
{
    var version = $"0.{i / 1000}.{i % 1000}";
    var start = await journal.OpenRunAsync(new NewRun("demo", version, new string('a', 40), hash, new JsonObject(), []));
    await journal.SetRunStatusAsync(start.Run.Id, i % 10 == 3 ? RunStatus.RolledBack : RunStatus.Succeeded, false);
}

static Digest Hex(int seed, int n) => Digest.Parse("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes((seed * 1000) + n))));
string[] release = [StepNames.DetectVersion, StepNames.Preflight, StepNames.Gates, StepNames.Build, StepNames.ComposeNotes, StepNames.PushPrerelease, StepNames.Sign, StepNames.AttestSbom, StepNames.AttestProvenance, StepNames.Scan];
var extra = Enumerable.Range(1, 50 - release.Length - 1).Select(n => $"gate-{n:00}").ToList();
var open = await journal.OpenRunAsync(new NewRun("demo", "1.0.0", new string('b', 40), hash, new JsonObject(), [.. release, .. extra, StepNames.Approval]));
var run = open.Run.Id;
var images = Enumerable.Range(1, 3).Select(n => new PushedImage(
    $"registry.example.com/acme/app-{n}",
    Hex(n, 0),
    [new PlatformDigest("linux/amd64", Hex(n, 1)), new PlatformDigest("linux/arm64", Hex(n, 2))],
    ["prerelease", "prerelease-v1.0.0-1234"])).ToList();
foreach (var name in release.Concat(extra))
{
    await journal.StepStartedAsync(run, name);
    JsonObject outputs = name switch
    {
        StepNames.DetectVersion => StepOutputJson.Write(new DetectedVersion("1.0.0", "v1.0.0", new string('b', 40), false, "VERSION")),
        StepNames.PushPrerelease => StepOutputJson.Write(new PrereleaseImages(images, [])),
        StepNames.Scan => StepOutputJson.Write(new ScanOutcome("0 findings at or above HIGH; 2 ignored", new Dictionary<string, int> { ["LOW"] = 14, ["MEDIUM"] = 3 }, [], 2)),
        _ => new JsonObject { ["note"] = $"{name} done" },
    };
    await journal.StepSucceededAsync(run, name, outputs);
}

await journal.StepStartedAsync(run, StepNames.Approval);
var moves = images.SelectMany(image => new[] { "1.0.0", "1.0", "latest" }.Select(tag => new PendingTagMove(image.Repository, tag, image.Digest.ToString(), tag == "1.0.0" ? null : Hex(9, tag.Length).ToString(), true, "highest release"))).ToList();
await journal.SaveProgressAsync(run, StepNames.Approval, StepOutputJson.Write(new ApprovalPreview(moves, DateTimeOffset.UtcNow)));
await journal.SetStepStatusAsync(run, StepNames.Approval, StepStatus.AwaitingApproval, null);
await journal.SetRunStatusAsync(run, RunStatus.AwaitingApproval, true);
Console.WriteLine(run);
