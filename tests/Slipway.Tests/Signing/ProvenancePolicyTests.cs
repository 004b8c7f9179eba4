using System.Text.Json.Nodes;
using Slipway.Diagnostics;
using Slipway.Signing;
using Slipway.Signing.Provenance;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Signing;

/// <summary>The provenance policy of <c>slipway verify</c>: every field it can require, each mismatch naming the field and both values.</summary>
public sealed class ProvenancePolicyTests
{
    private const string Digest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static readonly ProvenancePolicy Right = ProvenancePolicy.Create(
        "github.com/liatrio/demo-gh-autogov-workflows",
        "refs/tags/v0.5.10",
        "df327b130efdc12f90ed6a6abae6f9066533e27c",
        ".github/workflows/cw-check.yaml",
        "https://github.com/liatrio/demo-gh-autogov-workflows/.github/workflows/cw-check.yaml@refs/tags/v0.5.10",
        "github-hosted");

    [Fact]
    public void The_right_policy_passes_every_check()
    {
        var checks = ProvenancePolicyCheck.Run(Right, GitHubStatement(), Digest);

        Assert.Equal(6, checks.Count);
        Assert.All(checks, c => Assert.True(c.Passed, c.ToString()));
        Assert.Equal(
            ["source-repository", "source-ref", "source-commit", "workflow", "builder-id", "runner-environment"],
            checks.Select(c => c.Name.Split(' ')[1]));
    }

    [Theory]
    [InlineData("source-repository", "github.com/liatrio/demo-gh-autogov-workflows-fork", "github.com/liatrio/demo-gh-autogov-workflows")]
    [InlineData("source-ref", "refs/heads/main", "refs/tags/v0.5.10")]
    [InlineData("source-commit", "1111111111111111111111111111111111111111", "df327b130efdc12f90ed6a6abae6f9066533e27c")]
    [InlineData("workflow", ".github/workflows/release.yml", ".github/workflows/cw-check.yaml")]
    [InlineData("builder-id", "https://github.com/liatrio/demo-gh-autogov-workflows/.github/workflows/cw-check.yaml@refs/heads/main", "https://github.com/liatrio/demo-gh-autogov-workflows/.github/workflows/cw-check.yaml@refs/tags/v0.5.10")]
    [InlineData("runner-environment", "github-hosted", "self-hosted")]
    public void A_mismatch_fails_naming_the_field_and_both_values(string field, string required, string claimed)
    {
        var policy = field switch
        {
            "source-repository" => Right with { SourceRepository = required },
            "source-ref" => Right with { SourceRef = required },
            "source-commit" => Right with { SourceCommit = required },
            "workflow" => Right with { Workflow = required },
            "builder-id" => Right with { BuilderId = required },
            _ => Right,
        };
        var statement = field == "runner-environment" ? GitHubStatement(run => run with { RunnerEnvironment = "self-hosted" }) : GitHubStatement();

        var checks = ProvenancePolicyCheck.Run(policy, statement, Digest);

        var failed = Assert.Single(checks, c => !c.Passed);
        Assert.Equal($"provenance {field} {Digest}", failed.Name);
        Assert.Equal($"required {required}, the provenance says {claimed}", failed.Detail);
    }

    [Fact]
    public void Repository_names_compare_without_case_scheme_or_git_suffix()
    {
        Assert.Equal("github.com/acme/demo", ProvenancePolicyCheck.RepositoryKey("https://github.com/acme/demo.git"));
        Assert.Equal("github.com/acme/demo", ProvenancePolicyCheck.RepositoryKey("git@github.com:acme/demo.git"));
        Assert.Equal("github.com/acme/demo", ProvenancePolicyCheck.RepositoryKey("ssh://git@github.com/acme/demo"));
        var checks = ProvenancePolicyCheck.Run(Right with { SourceRepository = "GitHub.com/Liatrio/Demo-GH-Autogov-Workflows" }, GitHubStatement(), Digest);
        Assert.True(checks[0].Passed, checks[0].Detail);
    }

    [Fact]
    public void Slipways_build_type_claims_source_and_builder_but_no_workflow_or_runner()
    {
        var statement = Statement(SlsaProvenance.Build(GitHubProvenanceTests.Facts(null) with { Repository = "git@github.com:acme/demo.git" }));
        var policy = ProvenancePolicy.Create(
            "github.com/acme/demo", "refs/heads/main", "0123456789abcdef0123456789abcdef01234567", ".github/workflows/release.yml", SlsaProvenance.LocalBuilderId, "github-hosted");

        var checks = ProvenancePolicyCheck.Run(policy, statement, Digest);

        Assert.Equal([true, true, true, false, true, false], checks.Select(c => c.Passed));
        Assert.Equal("required .github/workflows/release.yml, the provenance does not claim one", checks[3].Detail);
    }

    [Fact]
    public void Provenance_of_the_earlier_build_type_uri_is_still_read()
    {
        var predicate = JsonNode.Parse(SlsaProvenance.Build(GitHubProvenanceTests.Facts(null)))!;
        predicate["buildDefinition"]!["buildType"] = SlsaProvenance.LegacyBuildType;

        var checks = ProvenancePolicyCheck.Run(ProvenancePolicy.Create("github.com/acme/demo", null, null, null, null, null), Statement(predicate), Digest);

        Assert.True(Assert.Single(checks).Passed);
    }

    [Fact]
    public void A_build_type_slipway_cannot_read_fails_every_required_field()
    {
        var predicate = JsonNode.Parse(SlsaProvenance.Build(GitHubProvenanceTests.Facts(null)))!;
        predicate["buildDefinition"]!["buildType"] = "https://example.com/other/v1";

        var checks = ProvenancePolicyCheck.Run(Right, Statement(predicate), Digest);

        Assert.All(checks, c => Assert.Contains("https://example.com/other/v1 is not one Slipway reads", c.Detail, StringComparison.Ordinal));
        Assert.All(checks, c => Assert.False(c.Passed));
    }

    [Fact]
    public void A_source_dependency_of_another_repository_claims_no_ref_or_commit()
    {
        var predicate = JsonNode.Parse(SlsaProvenance.Build(GitHubProvenanceTests.Facts(Run())))!;
        predicate["buildDefinition"]!["resolvedDependencies"]![0]!["uri"] = "git+https://github.com/mallory/demo-gh-autogov-workflows@refs/tags/v0.5.10";

        var checks = ProvenancePolicyCheck.Run(Right, Statement(predicate), Digest);

        Assert.Equal([true, false, false, true, true, true], checks.Select(c => c.Passed));
    }

    [Fact]
    public void A_statement_that_is_not_json_fails_every_check()
    {
        var checks = ProvenancePolicyCheck.Run(Right, "{not json"u8.ToArray(), Digest);

        Assert.All(checks, c => Assert.StartsWith("the statement is not JSON", c.Detail, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ProvenancePolicy.SourceRepositoryOption, "acme/demo")]
    [InlineData(ProvenancePolicy.SourceRepositoryOption, "https://github.com/acme/demo")]
    [InlineData(ProvenancePolicy.SourceRepositoryOption, "github.com/acme/demo.git")]
    [InlineData(ProvenancePolicy.SourceRefOption, "v1.2.3")]
    [InlineData(ProvenancePolicy.SourceRefOption, "main")]
    [InlineData(ProvenancePolicy.SourceCommitOption, "abc123")]
    [InlineData(ProvenancePolicy.WorkflowOption, "/.github/workflows/release.yml")]
    [InlineData(ProvenancePolicy.WorkflowOption, "acme/demo/.github/workflows/release.yml@refs/heads/main")]
    [InlineData(ProvenancePolicy.BuilderIdOption, "not a uri")]
    [InlineData(ProvenancePolicy.RunnerEnvironmentOption, "hosted")]
    public void A_malformed_value_is_refused_before_anything_is_fetched(string option, string value)
    {
        string? At(string name) => name == option ? value : null;

        var error = Assert.Throws<SlipwayException>(() => ProvenancePolicy.Create(
            At(ProvenancePolicy.SourceRepositoryOption), At(ProvenancePolicy.SourceRefOption), At(ProvenancePolicy.SourceCommitOption),
            At(ProvenancePolicy.WorkflowOption), At(ProvenancePolicy.BuilderIdOption), At(ProvenancePolicy.RunnerEnvironmentOption)));

        Assert.Equal(ErrorCode.ProvenancePolicyInvalid, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.StartsWith($"{option} is '{value}', not ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_file_holds_the_same_policy_and_options_override_it()
    {
        using var directory = new TempDirectory("policy");
        var path = directory.Write("policy.toml", """
            [provenance]
            source-repository = "github.com/liatrio/demo-gh-autogov-workflows"
            source-ref = "refs/tags/v0.5.10"
            source-commit = "df327b130efdc12f90ed6a6abae6f9066533e27c"
            workflow = ".github/workflows/cw-check.yaml"
            builder-id = "https://github.com/liatrio/demo-gh-autogov-workflows/.github/workflows/cw-check.yaml@refs/tags/v0.5.10"
            runner-environment = "github-hosted"
            """);

        var policy = VerificationPolicyFile.ReadProvenance(path, new DictionaryEnvironment(), new SecretRedactor());

        Assert.Equal(Right, policy);
        Assert.Equal("self-hosted", policy.Over(ProvenancePolicy.Create(null, null, null, null, null, "self-hosted")).RunnerEnvironment);
        Assert.Equal(Right.SourceRef, policy.Over(ProvenancePolicy.None).SourceRef);
    }

    [Theory]
    [InlineData("[provenance]\nsource-repo = \"github.com/a/b\"\n", ErrorCode.ConfigUnknownKey, "source-repo")]
    [InlineData("[provenance]\nsource-ref = \"main\"\n", ErrorCode.ProvenancePolicyInvalid, "policy.toml:2:1: provenance.source-ref is 'main'")]
    [InlineData("[provenance\n", ErrorCode.ConfigSyntax, "policy.toml")]
    [InlineData("[identities]\nx = 1\n", ErrorCode.ProvenancePolicyInvalid, "'identities' is not a policy table")]
    [InlineData("[provenance]\n", ErrorCode.ProvenancePolicyInvalid, "requires nothing")]
    [InlineData("", ErrorCode.ProvenancePolicyInvalid, "no [provenance] or [identity] table")]
    public void A_policy_file_that_is_not_one_is_refused_with_its_code(string text, ErrorCode code, string message)
    {
        using var directory = new TempDirectory("policy");
        var path = directory.Write("policy.toml", text);

        var error = Assert.Throws<SlipwayException>(() => VerificationPolicyFile.ReadProvenance(path, new DictionaryEnvironment(), new SecretRedactor()));

        Assert.Equal(code, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_policy_file_is_refused()
    {
        var error = Assert.Throws<SlipwayException>(() => VerificationPolicyFile.ReadProvenance("/nonexistent/policy.toml", new DictionaryEnvironment(), new SecretRedactor()));

        Assert.Equal(ErrorCode.ProvenancePolicyInvalid, error.Code);
    }

    [Fact]
    public void The_policy_prints_as_the_options_that_ask_for_it()
    {
        Assert.Equal(
            ["--source-repository", "github.com/acme/demo", "--runner-environment", "github-hosted"],
            ProvenancePolicy.Create("github.com/acme/demo", null, null, null, null, "github-hosted").ToOptions());
    }

    [Fact]
    public void The_policy_a_release_prints_is_the_one_its_provenance_satisfies()
    {
        var github = GitHubProvenanceTests.Facts(Run());
        var local = GitHubProvenanceTests.Facts(null);

        Assert.Equal(Right, ProvenancePolicy.Satisfied(github));
        Assert.All(ProvenancePolicyCheck.Run(ProvenancePolicy.Satisfied(github), Statement(SlsaProvenance.Build(github)), Digest), c => Assert.True(c.Passed, c.ToString()));
        Assert.Equal(new ProvenancePolicy(SourceCommit: local.Commit), ProvenancePolicy.Satisfied(local));
        Assert.All(ProvenancePolicyCheck.Run(ProvenancePolicy.Satisfied(local), Statement(SlsaProvenance.Build(local)), Digest), c => Assert.True(c.Passed, c.ToString()));
    }

    private static GitHubActionsRun Run() => GitHubActionsRun.Read(new DictionaryEnvironment(GitHubProvenanceTests.LiatrioRun()))!;

    private static byte[] GitHubStatement(Func<GitHubActionsRun, GitHubActionsRun>? change = null) =>
        Statement(SlsaProvenance.Build(GitHubProvenanceTests.Facts((change ?? (r => r))(Run()))));

    private static byte[] Statement(JsonNode predicate) => Statement(System.Text.Encoding.UTF8.GetBytes(predicate.ToJsonString()));

    private static byte[] Statement(byte[] predicate) =>
        new InTotoStatement([new InTotoSubject("registry.example/acme/demo", Digest["sha256:".Length..])], PredicateTypes.SlsaProvenanceV1, predicate).ToJson();
}
