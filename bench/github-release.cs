#:project ../tests/Slipway.Tests.Infra/Slipway.Tests.Infra.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

// A GitHub release with 10 assets (9 [build] artifacts of 256 KiB and SHA256SUMS) against the local GitHub endpoint:
// the requests the release sends and the wall time of the whole `slipway release --yes` process, median of the runs.
// Each run has its own repository, bare remote and endpoint, so every run creates the draft, uploads and publishes.
// Usage: dotnet run bench/github-release.cs SLIPWAY [runs]
using System.Diagnostics;
using System.Globalization;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.GitHub;

var slipway = args[0];
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var times = new List<double>();
var counts = new List<int>();
for (var run = 0; run < runs; run++)
{
    using var github = new LocalGitHub();
    using var directory = new TempDirectory("slipway-bench-release");
    var repo = Path.Combine(directory.Path, "repo");
    var remote = Path.Combine(directory.Path, "remote.git");
    Git(directory.Path, "init", "-q", "--bare", remote);
    Git(directory.Path, "init", "-q", "-b", "main", repo);
    File.WriteAllText(Path.Combine(repo, "VERSION"), "1.0.0\n");
    File.WriteAllText(Path.Combine(repo, ".gitignore"), "out/\n.slipway/\n");
    File.WriteAllText(Path.Combine(repo, "slipway.toml"), $"""
        [project]
        name = "bench"
        version = {"{"} file = "VERSION", pattern = '^(?<version>\S+)$' {"}"}
        tag = "v{"{"}version{"}"}"
        release-branch = "main"

        [build]
        command = "mkdir -p out && for i in 1 2 3 4 5 6 7 8 9; do head -c 262144 /dev/urandom > out/asset-$i.bin; done"
        artifacts = ["out"]

        [approval]
        required = false

        [forge]
        kind = "github"
        remote = "origin"
        repository = "{github.Owner}/{github.Name}"
        api-url = "{github.BaseUri}"
        upload-url = "{github.BaseUri}"
        token = "env:GITHUB_TOKEN"
        """);
    Git(repo, "add", "-A");
    Git(repo, "-c", "user.name=Bench", "-c", "user.email=bench@slipway.invalid", "commit", "-qm", "bench");
    Git(repo, "remote", "add", "origin", remote);
    Git(repo, "push", "-q", "origin", "main");

    var clock = Stopwatch.StartNew();
    var result = ProcessRunner.Run(slipway, ["release", "--yes", "--as", "bench"], repo, new Dictionary<string, string?> { ["GITHUB_TOKEN"] = github.Token, ["GIT_CONFIG_GLOBAL"] = "/dev/null" });
    clock.Stop();
    if (result.ExitCode != 0)
    {
        Console.Error.WriteLine(result.Out + result.Err);
        return 1;
    }

    var requests = github.Requests;
    var uploads = requests.Select((r, i) => (r, i)).Where(x => x.r.Contains("/assets?name=", StringComparison.Ordinal)).Select(x => x.i).ToList();
    var publish = requests.ToList().FindLastIndex(r => r.StartsWith("PATCH ", StringComparison.Ordinal));
    if (uploads.Count != 10 || uploads.Max() > publish)
    {
        Console.Error.WriteLine($"expected 10 uploads before the publish: {string.Join("\n", requests)}");
        return 1;
    }

    times.Add(clock.Elapsed.TotalMilliseconds);
    counts.Add(requests.Count);
    Console.Error.WriteLine($"run {run + 1}: {clock.Elapsed.TotalMilliseconds:0} ms, {requests.Count} requests ({uploads.Count} uploads)");
}

times.Sort();
Console.WriteLine($"| `slipway release --yes`, 10 assets, local GitHub | {times[times.Count / 2]:0} ms | {times[0]:0} ms | {times[^1]:0} ms | {counts.Max()} |");
return 0;

static void Git(string directory, params string[] arguments)
{
    var result = ProcessRunner.Run("git", arguments, directory);
    if (result.ExitCode != 0)
    {
        throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {result.Err}");
    }
}
