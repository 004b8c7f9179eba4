using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.IntegrationTests.Pipeline.Images;
using Slipway.Signing;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// A release run as GitHub Actions jobs, with the environment GitHub documents: the provenance is GitHub's workflow
/// build type written from the build job's run (not the signing job's), and <c>slipway verify</c> enforces source,
/// ref, workflow, builder and runner policies against it in the real registry.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class GitHubProvenanceReleaseTests(AnonymousRegistry server) : IDisposable
{
    private const string Workflow = ".github/workflows/release.yml";

    private readonly List<IDisposable> _owned = [];

    private RegistryFixture Registry => server.Registry;

    public void Dispose()
    {
        server.AttachLogIfFailed();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>The variables of a job of the run, on <paramref name="runner"/>, in attempt <paramref name="attempt"/>.</summary>
    public static Dictionary<string, string> JobEnvironment(string commit, string runner, string attempt) => new(StringComparer.Ordinal)
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_REPOSITORY"] = "acme/demo",
        ["GITHUB_REPOSITORY_ID"] = "849445664",
        ["GITHUB_REPOSITORY_OWNER_ID"] = "5726618",
        ["GITHUB_WORKFLOW_REF"] = $"acme/demo/{Workflow}@refs/tags/v1.2.3",
        ["GITHUB_SHA"] = commit,
        ["GITHUB_REF"] = "refs/tags/v1.2.3",
        ["GITHUB_EVENT_NAME"] = "push",
        ["GITHUB_RUN_ID"] = "10714440367",
        ["GITHUB_RUN_ATTEMPT"] = attempt,
        ["RUNNER_ENVIRONMENT"] = runner,
    };

    [Fact]
    public async Task The_provenance_names_the_build_jobs_run_and_verify_holds_it_to_each_policy_field()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/github-provenance"));
        var commit = project.Project.BuiltCommit;
        var created = await project.RunAsync("release", "--create-only", "--json");
        Assert.True(created.ExitCode == ExitCodes.Success, created.ToString());
        var run = JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString()!;

        // The build job runs on a self-hosted runner; the jobs after it, on GitHub's, in a second attempt.
        Use(project, JobEnvironment(commit, "self-hosted", "1"));
        foreach (var step in new[] { "detect-version", "preflight", "gates", "build" })
        {
            var result = await project.RunAsync("step", step, "--run", run);
            Assert.True(result.ExitCode == ExitCodes.Success, $"{step}: {result}");
        }

        Use(project, JobEnvironment(commit, "github-hosted", "2"));
        await RunToTheEndAsync(project, run);

        var predicate = await ProvenanceAsync(project);
        Assert.Equal(SlsaProvenance.GitHubBuildType, predicate["buildDefinition"]!["buildType"]!.GetValue<string>());
        Assert.Equal(
            JsonNode.Parse($$"""{"ref":"refs/tags/v1.2.3","repository":"https://github.com/acme/demo","path":"{{Workflow}}"}"""),
            predicate["buildDefinition"]!["externalParameters"]!["workflow"],
            JsonNode.DeepEquals);
        Assert.Equal("self-hosted", predicate["buildDefinition"]!["internalParameters"]!["github"]!["runner_environment"]!.GetValue<string>());
        Assert.Equal($"git+https://github.com/acme/demo@refs/tags/v1.2.3", predicate["buildDefinition"]!["resolvedDependencies"]![0]!["uri"]!.GetValue<string>());
        Assert.Equal(commit, predicate["buildDefinition"]!["resolvedDependencies"]![0]!["digest"]!["gitCommit"]!.GetValue<string>());
        Assert.Equal("https://github.com/acme/demo/actions/runs/10714440367/attempts/1", predicate["runDetails"]!["metadata"]!["invocationId"]!.GetValue<string>());

        string[] right =
        [
            "--source-repository", "github.com/acme/demo", "--source-ref", "refs/tags/v1.2.3", "--source-commit", commit,
            "--workflow", Workflow, "--builder-id", $"https://github.com/acme/demo/{Workflow}@refs/tags/v1.2.3", "--runner-environment", "self-hosted",
        ];
        var verified = await VerifyAsync(project, right);
        Assert.True(verified.ExitCode == ExitCodes.Success, verified.ToString());
        foreach (var field in new[] { "source-repository", "source-ref", "source-commit", "workflow", "builder-id", "runner-environment" })
        {
            Assert.Contains($"ok    provenance {field} {project.Built}", verified.Out, StringComparison.Ordinal);
        }

        foreach (var (option, value, claimed) in new[]
        {
            ("--source-repository", "github.com/acme/demo-fork", "github.com/acme/demo"),
            ("--source-ref", "refs/heads/main", "refs/tags/v1.2.3"),
            ("--workflow", ".github/workflows/other.yml", Workflow),
            ("--builder-id", $"https://github.com/acme/builders/{Workflow}@refs/heads/main", $"https://github.com/acme/demo/{Workflow}@refs/tags/v1.2.3"),
            ("--runner-environment", "github-hosted", "self-hosted"),
        })
        {
            var policy = right.ToArray();
            policy[Array.IndexOf(policy, option) + 1] = value;
            var refused = await VerifyAsync(project, policy);
            Assert.True(refused.ExitCode == ExitCodes.Failed, $"{option}: {refused}");
            Assert.Contains(
                $"error SLW{(int)ErrorCode.VerificationFailed}: verification failed: provenance {option[2..]} {project.Built}: required {value}, the provenance says {claimed}",
                refused.Err,
                StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_policy_file_asks_for_the_same_and_a_malformed_policy_is_refused_before_the_registry_is_asked()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/github-provenance-policy"));
        var commit = project.Project.BuiltCommit;
        Use(project, JobEnvironment(commit, "github-hosted", "1"));
        var release = await project.RunAsync("release", "--yes", "--as", "maintainer1");
        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var policy = Path.Combine(project.Project.Repository.Path, "out", "policy.toml");
        File.WriteAllText(policy, $"""
            [provenance]
            source-repository = "github.com/acme/demo"
            workflow = "{Workflow}"
            runner-environment = "github-hosted"
            """);

        var passed = await VerifyAsync(project, ["--policy", policy]);
        var overridden = await VerifyAsync(project, ["--policy", policy, "--runner-environment", "self-hosted"]);
        var malformed = await VerifyAsync(project, ["--source-repository", "acme/demo"]);
        File.WriteAllText(policy, "[provenance]\nworkflow = 3\n");
        var invalid = await VerifyAsync(project, ["--policy", policy]);

        Assert.True(passed.ExitCode == ExitCodes.Success, passed.ToString());
        Assert.Contains("ok    provenance workflow", passed.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, overridden.ExitCode);
        Assert.Contains("provenance runner-environment", overridden.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, malformed.ExitCode);
        Assert.Equal($"slipway: error SLW{(int)ErrorCode.ProvenancePolicyInvalid}: --source-repository is 'acme/demo', not host/owner/name (github.com/OWNER/NAME), without a scheme", malformed.Err.Trim());
        Assert.Empty(malformed.Out);
        Assert.Equal(ExitCodes.InvalidInput, invalid.ExitCode);
        Assert.Contains("workflow", invalid.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_release_notes_verify_command_passes_against_the_released_image_in_the_registry()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/notes-verify"));
        var commit = project.Project.BuiltCommit;
        Use(project, JobEnvironment(commit, "github-hosted", "1"));

        var release = await project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var body = project.Project.Remote.Git("for-each-ref", "refs/tags/v1.2.3", "--format=%(contents)");
        var section = body[body.IndexOf(Slipway.Notes.VerifyInstructions.Heading, StringComparison.Ordinal)..];
        var lines = section.Split('\n');
        var slipway = Words(Assert.Single(lines, l => l.StartsWith("slipway verify ", StringComparison.Ordinal)));
        var cosign = Words(Assert.Single(lines, l => l.StartsWith("cosign verify ", StringComparison.Ordinal)));
        Assert.Equal($"{project.Image}@{project.Built}", slipway[2]);
        Assert.Equal($"{project.Image}@{project.Built}", cosign[^1]);
        Assert.Equal(
            ["--key", Slipway.Notes.VerifyInstructions.PlaceholderKey, "--source-repository", "github.com/acme/demo", "--source-ref", "refs/tags/v1.2.3", "--source-commit", commit,
             "--workflow", Workflow, "--builder-id", $"https://github.com/acme/demo/{Workflow}@refs/tags/v1.2.3", "--runner-environment", "github-hosted"],
            slipway[3..]);

        // The consumer puts the published key where the placeholder stands.
        string[] arguments = [.. slipway[1..].Select(a => a == Slipway.Notes.VerifyInstructions.PlaceholderKey ? project.PublicKey : a)];
        var verified = await CliRunner.RunAsync(project.Project.Repository.Path, arguments);
        Assert.True(verified.ExitCode == ExitCodes.Success, verified.ToString());
        Assert.Contains($"ok    provenance runner-environment {project.Built}", verified.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", verified.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_GitHub_Actions_a_missing_variable_or_another_checked_out_commit_stops_the_release_before_anything_is_pushed()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/github-provenance-refused"));
        var environment = JobEnvironment(project.Project.BuiltCommit, "github-hosted", "1");
        environment.Remove("GITHUB_REPOSITORY_OWNER_ID");
        Use(project, environment);

        var missing = await project.RunAsync("release", "--yes", "--as", "maintainer1");
        Use(project, JobEnvironment(new string('f', 40), "github-hosted", "1"));
        var other = await project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Contains($"SLW{(int)ErrorCode.ProvenanceVariableMissing}: GITHUB_ACTIONS is true but GITHUB_REPOSITORY_OWNER_ID is not set", missing.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, other.ExitCode);
        Assert.Contains($"SLW{(int)ErrorCode.ProvenanceSourceMismatch}", other.Err, StringComparison.Ordinal);
        Assert.Empty(await ImageReleaseProject.TagsAsync(Registry, "e2e/github-provenance-refused"));
        Assert.Null(project.Project.RemoteTag("v1.2.3"));
    }

    [Fact]
    public async Task Outside_GitHub_Actions_the_provenance_is_slipways_build_type_and_claims_no_workflow()
    {
        var project = Own(new ImageReleaseProject(Registry.Host, "e2e/laptop-provenance"));

        var release = await project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var predicate = await ProvenanceAsync(project);
        Assert.Equal(SlsaProvenance.BuildType, predicate["buildDefinition"]!["buildType"]!.GetValue<string>());
        Assert.Null(predicate["buildDefinition"]!["internalParameters"]);
        Assert.Equal("mkdir -p out && echo built > out/app.txt", predicate["buildDefinition"]!["externalParameters"]!["buildCommand"]!.GetValue<string>());
        Assert.Equal("out/app.txt", predicate["runDetails"]!["byproducts"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(SlsaProvenance.LocalBuilderId, predicate["runDetails"]!["builder"]!["id"]!.GetValue<string>());
        var verify = await VerifyAsync(project, ["--source-commit", project.Project.BuiltCommit, "--workflow", Workflow]);
        Assert.Equal(ExitCodes.Failed, verify.ExitCode);
        Assert.Contains($"ok    provenance source-commit {project.Built}", verify.Out, StringComparison.Ordinal);
        Assert.Contains($"provenance workflow {project.Built}: required {Workflow}, the provenance does not claim one", verify.Err, StringComparison.Ordinal);
    }

    /// <summary>A command line split as a POSIX shell splits it (plain words and single-quoted ones, as the notes write them).</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    words.Add(word.ToString());
                }

                word.Clear();
                any = false;
            }
            else
            {
                word.Append(c);
                any = true;
            }
        }

        if (any)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static void Use(ImageReleaseProject project, Dictionary<string, string> environment)
    {
        foreach (var name in Slipway.Signing.Provenance.GitHubActionsRun.Variables.Append("GITHUB_ACTIONS"))
        {
            project.Project.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            project.Project.Environment[name] = value;
        }
    }

    private static async Task RunToTheEndAsync(ImageReleaseProject project, string run)
    {
        for (var i = 0; i < 40; i++)
        {
            var next = await project.RunAsync("step", "--next", "--run", run);
            if (next.ExitCode == ExitCodes.AwaitingApproval)
            {
                var approved = await project.RunAsync("step", "approval", "--run", run, "--yes", "--as", "maintainer1");
                Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());
                continue;
            }

            Assert.True(next.ExitCode == ExitCodes.Success, next.ToString());
            if (next.Out.Contains("is done", StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"run {run} did not end");
    }

    private async Task<JsonNode> ProvenanceAsync(ImageReleaseProject project)
    {
        using var client = Registry.CreateClient();
        var layers = await new CosignStore(client).ReadAsync(CosignStore.AttestationTag(project.Image, project.Built), TestContext.Current.CancellationToken);
        var layer = Assert.Single(layers, l => l.Annotation(CosignLayer.PredicateTypeAnnotation) == PredicateTypes.SlsaProvenanceV1);
        Assert.True(DsseEnvelope.TryParse(layer.Content, out var envelope, out _));
        return JsonNode.Parse(envelope!.Payload)!["predicate"]!;
    }

    private static Task<CliResult> VerifyAsync(ImageReleaseProject project, string[] policy) =>
        CliRunner.RunAsync(project.Project.Repository.Path, ["verify", project.Image.WithTag("1.2.3").ToString(), "--key", project.PublicKey, .. policy]);

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
