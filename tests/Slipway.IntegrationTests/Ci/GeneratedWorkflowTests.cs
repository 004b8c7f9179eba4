using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Ci;

/// <summary>
/// The workflow <c>slipway ci github</c> writes for each shape of configuration is accepted by GitHub's own parser
/// (@actions/workflow-parser), and its structure holds: needs: is the step graph, permissions are per job and least,
/// every action is pinned by commit, every job has a timeout, secrets go by name.
/// </summary>
public sealed partial class GeneratedWorkflowTests : IDisposable
{
    private readonly GitTestRepository _repository = GitTestRepository.Init();

    public void Dispose() => _repository.Dispose();

    public static TheoryData<string, string> Shapes() => WorkflowShapes.All();

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task The_generated_workflow_is_valid_and_its_jobs_mirror_the_step_graph(string shape, string toml)
    {
        var workflow = await Generate(toml);
        var config = ConfigLoader.Load(_repository.Write("slipway.toml", toml), _repository.Path, new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());
        var graph = ReleaseComposition.Graph(config);
        var jobs = workflow["jobs"]!.AsObject();

        // Which job runs each step, read from the run: lines.
        var jobOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (id, job) in jobs)
        {
            foreach (var step in job!["steps"]!.AsArray())
            {
                if (step!["run"]?.GetValue<string>() is { } run)
                {
                    foreach (Match match in StepCall().Matches(run))
                    {
                        var list = jobOf.TryGetValue(match.Groups[1].Value, out var found) ? found : jobOf[match.Groups[1].Value] = [];
                        if (!list.Contains(id))
                        {
                            list.Add(id);
                        }
                    }
                }
            }
        }

        Assert.Equal(graph.Order.Select(s => s.Name).Order(StringComparer.Ordinal), jobOf.Keys.Order(StringComparer.Ordinal));
        var expectedNeeds = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var step in graph.Order)
        {
            foreach (var job in jobOf[step.Name])
            {
                var needs = expectedNeeds.TryGetValue(job, out var set) ? set : expectedNeeds[job] = new SortedSet<string>(StringComparer.Ordinal) { "create" };
                needs.UnionWith(step.DependsOn.SelectMany(d => jobOf[d]).Where(j => j != job));
            }
        }

        foreach (var (id, needs) in expectedNeeds)
        {
            Assert.True(
                needs.SetEquals(Needs(jobs[id]!)),
                $"{shape}: job {id} needs [{string.Join(", ", Needs(jobs[id]!))}], the graph says [{string.Join(", ", needs)}]");
        }

        Assert.Equal(["version"], Needs(jobs["create"]!));
        Assert.Empty(workflow["permissions"]!.AsObject());
        Assert.Null(workflow["concurrency"]);
        foreach (var (id, job) in jobs)
        {
            Assert.True(job!["timeout-minutes"]?.GetValue<int>() > 0, $"{shape}: job {id} has no timeout-minutes");
            var permissions = job["permissions"]!.AsObject();
            var trusted = config.Packages.Any(p => p.TrustedPublishing) && jobOf[StepNames.PublishPackages].Contains(id);
            Assert.Equal(trusted ? "write" : null, permissions["id-token"]?.GetValue<string>());
            Assert.Equal(id == jobOf[StepNames.CreateRelease].Single() ? "write" : "read", permissions["contents"]!.GetValue<string>());
            if (id is not ("version" or "create"))
            {
                var group = job["concurrency"]!["group"]!.GetValue<string>();
                Assert.Equal($"slipway-${{{{ github.workflow }}}}-${{{{ needs.create.outputs.version }}}}-{id}", group);
                Assert.False(job["concurrency"]!["cancel-in-progress"]!.GetValue<bool>());
            }

            foreach (var step in job["steps"]!.AsArray())
            {
                if (step!["uses"]?.GetValue<string>() is { } uses)
                {
                    Assert.Matches("^[A-Za-z0-9-]+/[A-Za-z0-9_.-]+@[0-9a-f]{40}$", uses);
                }

                foreach (var (name, value) in step["env"]?.AsObject() ?? [])
                {
                    var text = value!.GetValue<string>();
                    Assert.True(!text.Contains("secrets.", StringComparison.Ordinal) || text == $"${{{{ secrets.{name} }}}}", $"{shape}: {id} passes {name} = {text}");
                }
            }

            Assert.Null(job["secrets"]);
        }

        // A failed step job is rolled back once every step job has ended.
        var rollback = jobs["rollback"]!;
        Assert.Equal("failure() && needs.create.result == 'success'", rollback["if"]!.GetValue<string>());
        Assert.Equal(jobOf.Values.SelectMany(j => j).Append("create").ToHashSet(), Needs(rollback).ToHashSet());
        Assert.Contains(rollback["steps"]!.AsArray(), s => s!["run"]?.GetValue<string>() == "slipway rollback \"$RUN\"");
        Assert.DoesNotContain("SIGNING_KEY", rollback.ToJsonString(), StringComparison.Ordinal);

        // The version job short-circuits everything: the create job runs only when there is something to release.
        Assert.Equal("needs.version.outputs.release == 'true'", jobs["create"]!["if"]!.GetValue<string>());
    }

    [Fact]
    public async Task Per_platform_layouts_build_in_one_job_per_platform_on_the_configured_runners_and_hand_their_output_over()
    {
        var toml = WorkflowShapes.Get(WorkflowShapes.PerPlatformEnvironment);
        var jobs = (await Generate(toml))["jobs"]!.AsObject();
        Assert.Equal("ubuntu-latest", jobs["build-linux-amd64"]!["runs-on"]!.GetValue<string>());
        Assert.Equal("ubuntu-24.04-arm", jobs["build-linux-arm64"]!["runs-on"]!.GetValue<string>());
        Assert.Contains(jobs["build-linux-arm64"]!["steps"]!.AsArray(), s => s!["run"]?.GetValue<string>() == "slipway step build --platform linux/arm64 --run \"$RUN\"");
        Assert.Equal("write", jobs["build-linux-arm64"]!["permissions"]!["packages"]!.GetValue<string>());
        var upload = jobs["build-linux-arm64"]!["steps"]!.AsArray().Single(s => s!["uses"]?.GetValue<string>()?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true)!;
        Assert.Equal("build-output-linux-arm64", upload["with"]!["name"]!.GetValue<string>());
        var downloads = jobs[StepNames.PushPrerelease]!["steps"]!.AsArray().Where(s => s!["uses"]?.GetValue<string>()?.StartsWith("actions/download-artifact@", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(["build-output-linux-amd64", "build-output-linux-arm64"], downloads.Select(d => d!["with"]!["name"]!.GetValue<string>()));
        Assert.Equal("release", jobs[StepNames.Approval]!["environment"]!.GetValue<string>());
        Assert.Equal("read", jobs[StepNames.Approval]!["permissions"]!["actions"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trusted_publishing_grants_id_token_write_to_the_publish_packages_job_alone()
    {
        var jobs = (await Generate(WorkflowShapes.Get(WorkflowShapes.TrustedPublishing)))["jobs"]!.AsObject();

        Assert.Equal("write", jobs[StepNames.PublishPackages]!["permissions"]!["id-token"]!.GetValue<string>());
        Assert.Equal([StepNames.PublishPackages], jobs.Where(j => j.Value!["permissions"]?["id-token"] is not null).Select(j => j.Key));
    }

    [Fact]
    public async Task Without_an_approval_environment_the_approval_job_waits_for_slipway_approve_up_to_its_timeout()
    {
        var toml = WorkflowShapes.Get(WorkflowShapes.SingleOwnApproval);
        var approval = (await Generate(toml))["jobs"]![StepNames.Approval]!;
        Assert.Null(approval["environment"]);
        Assert.Equal(CiGitHubSection.MaxTimeoutMinutes, approval["timeout-minutes"]!.GetValue<int>());
        var run = approval["steps"]!.AsArray().Select(s => s!["run"]?.GetValue<string>()).Single(r => r?.Contains("slipway step approval", StringComparison.Ordinal) == true)!;
        Assert.Contains("if [ \"$code\" -ne 3 ]; then exit \"$code\"; fi", run, StringComparison.Ordinal);
        Assert.Equal(["contents"], approval["permissions"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_broken_workflow_fails_the_validator_with_the_parsers_errors()
    {
        var path = _repository.Write("broken.yml", """
            on: push
            permissions: {}
            jobs:
              build:
                runs-on: ubuntu-latest
                permissions:
                  contents: sideways
                steps:
                  - run: echo ${{ github.sha
              publish:
                needs: [ghost]
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
            """);
        var result = WorkflowValidator.Run(path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.yml", result.Err, StringComparison.Ordinal);
        Assert.Contains("sideways", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_needing_an_unknown_job_fails_the_validator()
    {
        var path = _repository.Write("ghost.yml", """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: echo build
              publish:
                needs: [ghost]
                runs-on: ubuntu-latest
                steps:
                  - run: echo publish
            """);
        var result = WorkflowValidator.Run(path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown job 'ghost'", result.Err, StringComparison.Ordinal);
    }

    private async Task<JsonObject> Generate(string toml)
    {
        _repository.Write("VERSION", "1.2.3\n");
        _repository.Write("slipway.toml", toml);
        var result = await CliRunner.RunAsync(_repository.Path, "ci", "github");
        Assert.True(result.ExitCode == 0, result.ToString());
        return WorkflowValidator.Parse(Path.Combine(_repository.Path, ".github", "workflows", "release.yml"));
    }

    private static List<string> Needs(JsonNode job) => job["needs"] switch
    {
        null => [],
        JsonArray array => [.. array.Select(n => n!.GetValue<string>())],
        var single => [single.GetValue<string>()],
    };

    [GeneratedRegex(@"slipway step ([a-z-]+)")]
    private static partial Regex StepCall();
}
