using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Notes;
using Slipway.Signing.Provenance;
using Slipway.Signing.Sigstore;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Notes;

/// <summary>The release body's Verify section: the slipway and cosign commands for each signed digest.</summary>
public sealed class VerifyInstructionsTests
{
    private const string Image = "ghcr.io/acme/demo@sha256:9c24ac7eca13411bee8f335f96442c0b5ef8de65ff1f85da6f16fcb0c046bd78";

    private static readonly SignerIdentity Workflow = new(
        "https://github.com/acme/demo/.github/workflows/release.yml@refs/tags/v1.2.3", "https://token.actions.githubusercontent.com", "acme/demo");

    private static readonly ProvenancePolicy Provenance = new("github.com/acme/demo", "refs/tags/v1.2.3", new string('a', 40), ".github/workflows/release.yml", "https://github.com/acme/demo/.github/workflows/release.yml@refs/tags/v1.2.3", "github-hosted");

    [Fact]
    public void Keyless_commands_pin_the_workflow_the_issuer_and_the_repository_and_slipways_adds_the_provenance_policy()
    {
        var verify = new VerifyInstructions([Image], null, Workflow, Provenance);

        Assert.Equal(
            $"slipway verify {Image} --certificate-identity-regexp '^https://github\\.com/acme/demo/\\.github/workflows/release\\.yml@refs/(heads|tags)/' "
            + "--certificate-oidc-issuer https://token.actions.githubusercontent.com --certificate-github-workflow-repository acme/demo "
            + $"--source-repository github.com/acme/demo --source-ref refs/tags/v1.2.3 --source-commit {new string('a', 40)} --workflow .github/workflows/release.yml "
            + "--builder-id https://github.com/acme/demo/.github/workflows/release.yml@refs/tags/v1.2.3 --runner-environment github-hosted",
            VerifyInstructions.Command(verify.Slipway(Image)));
        Assert.Equal(
            "cosign verify --certificate-identity-regexp '^https://github\\.com/acme/demo/\\.github/workflows/release\\.yml@refs/(heads|tags)/' "
            + $"--certificate-oidc-issuer https://token.actions.githubusercontent.com --certificate-github-workflow-repository acme/demo {Image}",
            VerifyInstructions.Command(verify.Cosign(Image)));
    }

    [Fact]
    public void The_identity_regexp_is_accepted_by_verify_and_matches_only_the_workflow_at_a_branch_or_tag()
    {
        var regexp = VerifyInstructions.IdentityRegexp(Workflow.Identity);
        var policy = IdentityPolicy.Create(null, regexp, Workflow.Issuer, Workflow.WorkflowRepository, null, null, false);
        var pattern = new System.Text.RegularExpressions.Regex(regexp);

        Assert.NotNull(policy);
        Assert.Matches(pattern, "https://github.com/acme/demo/.github/workflows/release.yml@refs/heads/main");
        Assert.DoesNotMatch(pattern, "https://github.com/acme/demo/.github/workflows/release.yml@refs/pull/1/merge");
        Assert.DoesNotMatch(pattern, "https://github.com/acme/demo/.github/workflows/releaseXyml@refs/tags/v1");
        Assert.DoesNotMatch(pattern, "https://github.com/evil/x/.github/workflows/r.yml@refs/heads/main#https://github.com/acme/demo/.github/workflows/release.yml@refs/tags/v1");
    }

    [Fact]
    public void Key_mode_names_the_published_key_or_a_placeholder_and_tells_cosign_there_is_no_tlog_entry()
    {
        var published = new VerifyInstructions([Image], "https://acme.example/release.pub", null, ProvenancePolicy.None);
        var unknown = new VerifyInstructions([Image], null, null, ProvenancePolicy.None);

        Assert.Equal($"slipway verify {Image} --key https://acme.example/release.pub", VerifyInstructions.Command(published.Slipway(Image)));
        Assert.Equal($"cosign verify --key {VerifyInstructions.PlaceholderKey} --insecure-ignore-tlog=true {Image}", VerifyInstructions.Command(unknown.Cosign(Image)));
        Assert.Contains($"`{VerifyInstructions.PlaceholderKey}` stands for its public key", unknown.Markdown(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_cosign_flag_is_one_of_cosign_v3s_verify_options(bool keyless)
    {
        var known = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "cosign", "verify-flags.txt")).Where(l => l.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var verify = new VerifyInstructions([Image], null, keyless ? Workflow : null, Provenance);

        var flags = verify.Cosign(Image).Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.Split('=')[0]).ToList();

        Assert.NotEmpty(flags);
        Assert.All(flags, f => Assert.Contains(f, known));
    }

    [Fact]
    public async Task A_body_over_the_forges_limit_is_cut_before_the_verify_section_which_is_kept_whole()
    {
        using var repository = GitTestRepository.Init();
        repository.Commit("initial", ("VERSION", "1.2.0\n"));
        var config = ConfigLoader.Parse(
            "[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '(?<version>.+)' }\n",
            Path.Combine(repository.Path, "slipway.toml"), repository.Path, new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());
        var many = string.Join('\n', Enumerable.Range(1, 20_000).Select(i => $"- a change with a long enough title to fill the page (#{i})"));
        var composer = new NotesComposer(config.Project, repository.Path, new Listed(many), null);
        var verify = new VerifyInstructions([Image], null, Workflow, Provenance);
        Assert.True(config.Project.Scheme.TryParse("1.2.0", out var version, out _));

        var notes = await composer.ComposeAsync(new NotesRequest(version, "v1.2.0", repository.Head, null, "github", verify), TestContext.Current.CancellationToken);

        Assert.True(notes.Truncated);
        Assert.True(notes.Body.Length <= BodyLimit.GitHub, $"{notes.Body.Length} characters");
        Assert.EndsWith("\n" + verify.Markdown(), notes.Body, StringComparison.Ordinal);
        Assert.Contains("_These notes were cut", notes.Body, StringComparison.Ordinal);
        Assert.Equal(verify.Markdown(), notes.Verify);
    }

    [Fact]
    public void An_argument_with_a_quote_is_quoted_for_the_shell()
    {
        Assert.Equal("a 'b c' 'it'\\''s' ''", VerifyInstructions.Command(["a", "b c", "it's", ""]));
    }

    private sealed class Listed(string markdown) : IPullRequestList
    {
        public Task<PullRequestList> ListAsync(ReleaseRange range, CancellationToken cancellationToken) => Task.FromResult(new PullRequestList(markdown, []));
    }
}
