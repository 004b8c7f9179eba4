using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Ci;
using Slipway.IntegrationTests.Oci;
using Slipway.IntegrationTests.Pipeline.Images;
using Slipway.IntegrationTests.State;
using Slipway.Pipeline;
using Slipway.Signing;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// A whole release run as the generated workflow runs it: every job a separate <c>slipway</c> process in a clone of
/// its own, on one PostgreSQL journal, in the order of its <c>needs:</c>, the build output handed over as a folder copy;
/// its outcome in the registry and on the remote equals that of one <c>slipway release --yes</c> of the same project.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class WorkflowJobsReleaseTests(AnonymousRegistry server, PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _work = new("workflow-jobs");

    private RegistryFixture Registry => server.Registry;

    public void Dispose()
    {
        server.AttachLogIfFailed();
        _work.Dispose();
    }

    /// <summary>
    /// The approval recorded as the environment approval job does; promote-images, which checks the signatures before
    /// it promotes, gets [signing] key from its job's env: like the signing jobs.
    /// </summary>
    [Fact]
    public Task A_release_run_as_the_generated_workflows_jobs_in_separate_clones_ends_as_a_single_process_release_does() =>
        ReleaseAsJobsAsync(run => ["step", StepNames.Approval, "--run", run, "--yes", "--as", "maintainer1"], promoteGetsTheSigningKey: false);

    /// <summary>
    /// The approval job tells the maintainer to run <c>slipway approve RUN --as NAME --no-continue</c>; that journals the approval and
    /// leaves the steps after it to the workflow's jobs, which hold the secrets they need.
    /// </summary>
    [Fact]
    public Task A_maintainer_who_runs_slipway_approve_as_the_approval_job_says_leaves_the_remaining_steps_to_the_workflows_jobs() =>
        ReleaseAsJobsAsync(run => ["approve", run, "--as", "maintainer1", "--no-continue"], promoteGetsTheSigningKey: false);

    /// <param name="approval">What the maintainer runs, on a machine of their own, once the approval job has asked for it.</param>
    /// <param name="promoteGetsTheSigningKey">Whether the promote-images job gets SIGNING_KEY although its env: does not pass it.</param>
    private async Task ReleaseAsJobsAsync(Func<string, string[]> approval, bool promoteGetsTheSigningKey)
    {
        var layout = TestImages.MultiPlatformIndex(_work["layout"], attestation: false, seed: "workflow-jobs");
        var key = KeyPairGenerator.Generate(_work["release"], false, new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal) {
            ["SIGNING_KEY"] = File.ReadAllText(key.PrivateKeyPath),
            ["SLIPWAY_DB_PASSWORD"] = "unused-by-trust-authentication",
        };
        using var jobs = new WorkflowReleaseProject($"{Registry.Host}/e2e/workflow-jobs", await postgres.CreateDatabaseAsync(), layout.Path);
        using var single = new WorkflowReleaseProject($"{Registry.Host}/e2e/workflow-single", await postgres.CreateDatabaseAsync(), layout.Path);
        var slipway = Slipway();
        var environment = Environment();

        // The workflow, generated in a clone as a developer would, and read by GitHub's own parser.
        var developer = Clone(jobs, "developer");
        ProcessRunner.Run(slipway, ["ci", "github"], developer, environment).EnsureSuccess("slipway ci github");
        var workflow = WorkflowValidator.Parse(Path.Combine(developer, ".github", "workflows", "release.yml"));
        var approvalJob = workflow["jobs"]!.AsObject().Single(j => j.Value!.ToJsonString().Contains("slipway step approval", StringComparison.Ordinal)).Key;

        // The maintainer approves from a machine of their own (with the journal's password, not the CI's other secrets).
        var maintainer = Clone(jobs, "maintainer");
        var withJournal = new Dictionary<string, string?>(environment) { ["SLIPWAY_DB_PASSWORD"] = secrets["SLIPWAY_DB_PASSWORD"] };
        var runner = new WorkflowJobRunner(jobs.Remote.Path, _work.Path, environment, secrets)
        {
            BeforeApproval = (clone, run) =>
            {
                var waiting = ProcessRunner.Run(slipway, ["step", "approval", "--run", run], clone, withJournal);
                Assert.True(waiting.ExitCode == ExitCodes.AwaitingApproval, $"exit {waiting.ExitCode}\n{waiting.Out}\n{waiting.Err}");
                ProcessRunner.Run(slipway, approval(run), maintainer, withJournal).EnsureSuccess($"slipway {string.Join(' ', approval(run))}");
            },
        };
        if (promoteGetsTheSigningKey)
        {
            runner.AddedEnvironment[StepNames.PromoteImages] = new(StringComparer.Ordinal) { ["SIGNING_KEY"] = secrets["SIGNING_KEY"] };
        }

        runner.Play(workflow);
        var oneProcess = ProcessRunner.Run(slipway, ["release", "--yes", "--as", "maintainer1"], single.Repository.Path, new Dictionary<string, string?>(withJournal) { ["SIGNING_KEY"] = secrets["SIGNING_KEY"] });

        Assert.True(oneProcess.ExitCode == ExitCodes.Success, $"exit {oneProcess.ExitCode}\n{oneProcess.Out}\n{oneProcess.Err}");
        var played = runner.Played.Select(p => p.Job).ToList();
        Assert.Equal(WorkflowJobRunner.Order(workflow["jobs"]!.AsObject()).Where(j => j != "rollback"), played);
        Assert.Contains(approvalJob, played);

        // Every step job but the approval did its own steps: none found them done by another process (the approver's, say).
        foreach (var (job, output) in runner.Played.Where(p => p.Job != approvalJob))
        {
            Assert.False(output.Contains("nothing ran", StringComparison.Ordinal), $"job {job} found its steps done by another process:\n{output}");
        }

        var run = runner.OutputsOf("create")["run"];
        var status = JsonDocument.Parse(ProcessRunner.Run(slipway, ["status", run, "--json"], maintainer, withJournal).EnsureSuccess("slipway status").Out).RootElement;
        var singleStatus = JsonDocument.Parse(ProcessRunner.Run(slipway, ["status", "--json"], single.Repository.Path, withJournal).EnsureSuccess("slipway status").Out).RootElement;
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal(StepStatuses(singleStatus), StepStatuses(status));

        // The registry: the same tags; the release tags name the very digest built (the build is deterministic), in
        // both; signatures and attestations (their digests differ: ECDSA is randomised and each names its run) verify.
        var built = layout.Top.Digest.ToString();
        var tags = await ImageReleaseProject.TagsAsync(Registry, "e2e/workflow-jobs");
        var singleTags = await ImageReleaseProject.TagsAsync(Registry, "e2e/workflow-single");
        Assert.Equal(singleTags.Keys, tags.Keys);
        foreach (var tag in new[] { "1.2.3", "1.2", "latest", "prerelease" })
        {
            Assert.Equal(built, tags[tag]);
            Assert.Equal(built, singleTags[tag]);
        }

        Assert.Contains(tags.Keys, t => t == $"sha256-{layout.Top.Digest.Hex}.sig");
        Assert.Contains(tags.Keys, t => t == $"sha256-{layout.Top.Digest.Hex}.att");
        foreach (var repository in new[] { "e2e/workflow-jobs", "e2e/workflow-single" })
        {
            var verified = ProcessRunner.Run(
                slipway,
                ["verify", $"{Registry.Host}/{repository}:1.2.3", "--key", key.PublicKeyPath, "--attestation", "spdxjson", "--attestation", "slsaprovenance"],
                _work.Path,
                environment);
            Assert.True(verified.ExitCode == ExitCodes.Success, $"verify {repository}: exit {verified.ExitCode}\n{verified.Out}\n{verified.Err}");
        }

        // The remote: the same refs, the release tag on the commit each released.
        var refs = jobs.RemoteRefs();
        var singleRefs = single.RemoteRefs();
        Assert.Equal(singleRefs.Keys, refs.Keys);
        Assert.Equal(jobs.BuiltCommit, refs["refs/tags/v1.2.3"]);
        Assert.Equal(single.BuiltCommit, singleRefs["refs/tags/v1.2.3"]);
    }

    private static List<string> StepStatuses(JsonElement status) =>
        [.. status.GetProperty("steps").EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()}: {s.GetProperty("status").GetString()}")];

    private string Clone(WorkflowReleaseProject project, string name)
    {
        var clone = _work[name];
        ProcessRunner.Run("git", ["clone", "-q", project.Remote.Path, clone], _work.Path, Environment()).EnsureSuccess("git clone");
        return clone;
    }

    /// <summary>A <c>slipway</c> on the PATH, as the install action leaves it: the built CLI.</summary>
    private string Slipway()
    {
        var bin = _work["bin"];
        Directory.CreateDirectory(bin);
        var path = Path.Combine(bin, "slipway");
        File.WriteAllText(path, $"#!/bin/sh\nexec dotnet '{typeof(Slipway.Cli.SlipwayApp).Assembly.Location}' \"$@\"\n");
        ProcessRunner.Run("chmod", ["+x", path]).EnsureSuccess("chmod");
        return path;
    }

    private Dictionary<string, string?> Environment() => new(StringComparer.Ordinal)
    {
        ["PATH"] = $"{_work["bin"]}:{System.Environment.GetEnvironmentVariable("PATH")}",
        ["GIT_AUTHOR_NAME"] = "Slipway Tests",
        ["GIT_AUTHOR_EMAIL"] = "tests@slipway.invalid",
        ["GIT_COMMITTER_NAME"] = "Slipway Tests",
        ["GIT_COMMITTER_EMAIL"] = "tests@slipway.invalid",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["NO_COLOR"] = "1",
        ["SLIPWAY_APPROVER"] = null,
        ["SIGNING_KEY"] = null,
        ["SLIPWAY_DB_PASSWORD"] = null,
    };
}
