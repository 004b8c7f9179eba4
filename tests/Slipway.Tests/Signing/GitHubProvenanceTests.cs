using System.Text;
using System.Text.Json.Nodes;
using Slipway.Diagnostics;
using Slipway.Signing;
using Slipway.Signing.Provenance;

namespace Slipway.Tests.Signing;

/// <summary>
/// Provenance in GitHub Actions is GitHub's workflow build type, field by field as GitHub's own code writes it: held to
/// a document actions/attest-build-provenance produced, and to @actions/attest's snapshot.
/// </summary>
public sealed class GitHubProvenanceTests
{
    /// <summary>The environment of the run that produced the reference document (values from that document).</summary>
    public static Dictionary<string, string> LiatrioRun() => new(StringComparer.Ordinal)
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_REPOSITORY"] = "liatrio/demo-gh-autogov-workflows",
        ["GITHUB_REPOSITORY_ID"] = "849445664",
        ["GITHUB_REPOSITORY_OWNER_ID"] = "5726618",
        ["GITHUB_WORKFLOW_REF"] = "liatrio/demo-gh-autogov-workflows/.github/workflows/cw-check.yaml@refs/tags/v0.5.10",
        ["GITHUB_SHA"] = "df327b130efdc12f90ed6a6abae6f9066533e27c",
        ["GITHUB_REF"] = "refs/tags/v0.5.10",
        ["GITHUB_EVENT_NAME"] = "release",
        ["GITHUB_RUN_ID"] = "10714440367",
        ["GITHUB_RUN_ATTEMPT"] = "1",
        ["RUNNER_ENVIRONMENT"] = "github-hosted",
    };

    [Fact]
    public void The_build_definition_equals_the_one_attest_build_provenance_wrote_for_the_same_run()
    {
        var predicate = Predicate(LiatrioRun());

        var reference = JsonNode.Parse(File.ReadAllText(Reference("attest-build-provenance.build-definition.json")))!;
        Assert.True(JsonNode.DeepEquals(reference, predicate["buildDefinition"]), predicate["buildDefinition"]!.ToJsonString());
        Assert.Equal(
            "https://github.com/liatrio/demo-gh-autogov-workflows/.github/workflows/cw-check.yaml@refs/tags/v0.5.10",
            predicate["runDetails"]!["builder"]!["id"]!.GetValue<string>());
        Assert.Equal(
            "https://github.com/liatrio/demo-gh-autogov-workflows/actions/runs/10714440367/attempts/1",
            predicate["runDetails"]!["metadata"]!["invocationId"]!.GetValue<string>());
        Assert.Equal(["buildDefinition", "runDetails"], predicate.AsObject().Select(p => p.Key));
        Assert.Equal(["builder", "metadata"], predicate["runDetails"]!.AsObject().Select(p => p.Key));
    }

    /// <summary>
    /// @actions/attest's own test claims, as variables: every field equal but the builder, which the library takes from
    /// the token's job_workflow_ref (a reusable workflow there) and Slipway from GITHUB_WORKFLOW_REF, the only one a job's
    /// environment has.
    /// </summary>
    [Fact]
    public void The_predicate_equals_actions_attests_snapshot_but_for_the_builder_of_a_reusable_workflow()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_REPOSITORY"] = "owner/repo",
            ["GITHUB_REPOSITORY_ID"] = "repo-id",
            ["GITHUB_REPOSITORY_OWNER_ID"] = "owner-id",
            ["GITHUB_WORKFLOW_REF"] = "owner/repo/.github/workflows/main.yml@main",
            ["GITHUB_SHA"] = "babca52ab0c93ae16539e5923cb0d7403b9a093b",
            ["GITHUB_REF"] = "refs/heads/main",
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_RUN_ID"] = "run-id",
            ["GITHUB_RUN_ATTEMPT"] = "run-attempt",
            ["RUNNER_ENVIRONMENT"] = "github-hosted",
        };
        var predicate = Predicate(environment);

        var reference = JsonNode.Parse(File.ReadAllText(Reference("actions-toolkit.provenance-predicate.json")))!;
        reference["runDetails"]!["builder"]!["id"] = "https://github.com/owner/repo/.github/workflows/main.yml@main";
        Assert.True(JsonNode.DeepEquals(reference, predicate), predicate.ToJsonString());
    }

    [Fact]
    public void Fields_are_written_in_the_order_attest_writes_them()
    {
        var json = Encoding.UTF8.GetString(SlsaProvenance.Build(Facts(GitHubActionsRun.Read(new DictionaryEnvironment(LiatrioRun())))));

        Assert.StartsWith(
            """{"buildDefinition":{"buildType":"https://actions.github.io/buildtypes/workflow/v1","externalParameters":{"workflow":{"ref":"refs/tags/v0.5.10","repository":"https://github.com/liatrio/demo-gh-autogov-workflows","path":".github/workflows/cw-check.yaml"}},"internalParameters":{"github":{"event_name":"release","repository_id":"849445664","repository_owner_id":"5726618","runner_environment":"github-hosted"}},"resolvedDependencies":[{"uri":""",
            json,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_GitHub_Actions_the_provenance_is_slipways_build_type_with_no_github_field()
    {
        var environment = LiatrioRun();
        environment.Remove("GITHUB_ACTIONS");

        Assert.Null(GitHubActionsRun.Read(new DictionaryEnvironment(environment)));
        var predicate = JsonNode.Parse(SlsaProvenance.Build(Facts(null)))!;
        Assert.Equal(SlsaProvenance.BuildType, predicate["buildDefinition"]!["buildType"]!.GetValue<string>());
        Assert.Null(predicate["buildDefinition"]!["internalParameters"]);
        Assert.DoesNotContain("github", predicate["buildDefinition"]!["externalParameters"]!.AsObject().Select(p => p.Key));
        Assert.Equal(SlsaProvenance.LocalBuilderId, predicate["runDetails"]!["builder"]!["id"]!.GetValue<string>());
        Assert.Equal("0.1.0", predicate["runDetails"]!["builder"]!["version"]!["slipway"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GITHUB_REPOSITORY_ID")]
    [InlineData("GITHUB_WORKFLOW_REF")]
    [InlineData("RUNNER_ENVIRONMENT")]
    public void In_GitHub_Actions_a_missing_variable_is_refused_naming_it(string variable)
    {
        var environment = LiatrioRun();
        environment.Remove(variable);

        var error = Assert.Throws<SlipwayException>(() => GitHubActionsRun.Read(new DictionaryEnvironment(environment)));

        Assert.Equal(ErrorCode.ProvenanceVariableMissing, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other/repo/.github/workflows/a.yml@refs/heads/main")]
    [InlineData("liatrio/demo-gh-autogov-workflows/.github/workflows/a.yml")]
    [InlineData("liatrio/demo-gh-autogov-workflows/.github/workflows/a.yml@")]
    public void A_workflow_ref_of_another_repository_or_without_a_ref_is_refused(string workflowRef)
    {
        var environment = LiatrioRun();
        environment["GITHUB_WORKFLOW_REF"] = workflowRef;

        Assert.Equal(ErrorCode.ProvenanceVariableMissing, Assert.Throws<SlipwayException>(() => GitHubActionsRun.Read(new DictionaryEnvironment(environment))).Code);
    }

    [Fact]
    public void A_ref_holding_an_at_sign_stays_whole()
    {
        var environment = LiatrioRun();
        environment["GITHUB_WORKFLOW_REF"] = "liatrio/demo-gh-autogov-workflows/.github/workflows/release.yml@refs/tags/@scope/pkg@1.2.3";

        var run = GitHubActionsRun.Read(new DictionaryEnvironment(environment))!;

        Assert.Equal((".github/workflows/release.yml", "refs/tags/@scope/pkg@1.2.3"), run.Workflow);
    }

    [Fact]
    public void A_build_in_parts_is_self_hosted_when_one_part_is_and_names_the_latest_attempt()
    {
        var hosted = GitHubActionsRun.Read(new DictionaryEnvironment(LiatrioRun()))!;
        var selfHosted = hosted with { RunnerEnvironment = GitHubActionsRun.SelfHosted, RunAttempt = "2" };

        var combined = GitHubActionsRun.Combine([hosted, selfHosted])!;

        Assert.Equal(GitHubActionsRun.SelfHosted, combined.RunnerEnvironment);
        Assert.Equal("2", combined.RunAttempt);
        Assert.Equal(hosted, GitHubActionsRun.Combine([hosted, hosted]));
        Assert.Null(GitHubActionsRun.Combine([]));
        var other = Assert.Throws<SlipwayException>(() => GitHubActionsRun.Combine([hosted, hosted with { RunId = "1" }]));
        Assert.Equal(ErrorCode.ProvenanceSourceMismatch, other.Code);
    }

    internal static string Reference(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "provenance", name);

    internal static ProvenanceFacts Facts(GitHubActionsRun? run) =>
        new ProvenanceFacts(
            SlsaProvenance.LocalBuilderId,
            "https://github.com/acme/demo",
            run?.Sha ?? "0123456789abcdef0123456789abcdef01234567",
            "1.2.3",
            "run-42",
            1,
            new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero),
            Ref: "refs/heads/main",
            ConfigurationDigest: "sha256:cafe")
        {
            BuildCommand = "make image",
            Artifacts = [new ProvenanceArtifact("dist/demo.tar.gz", new string('b', 64))],
            SlipwayVersion = "0.1.0",
            GitHub = run,
        };

    private static JsonNode Predicate(Dictionary<string, string> environment) =>
        JsonNode.Parse(SlsaProvenance.Build(Facts(GitHubActionsRun.Read(new DictionaryEnvironment(environment)))))!;
}
