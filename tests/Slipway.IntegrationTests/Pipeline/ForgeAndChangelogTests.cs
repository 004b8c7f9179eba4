using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Forges;
using Slipway.Git;
using Slipway.Pipeline;
using Slipway.Pipeline.Steps;
using Slipway.State;
using Slipway.Versioning;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>The plain-git forge and finalize-changelog against a bare remote, through the library.</summary>
public sealed class ForgeAndChangelogTests : IDisposable
{
    private static readonly string[] ImageSteps = ["push-prerelease", "sign", "attest-sbom", "attest-provenance", "scan", "promote-images", "cleanup-prerelease"];

    private readonly ReleaseProject _project = new();

    public void Dispose() => _project.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ReleaseRequest Request(string commit, string notes) => new("v1.2.3", commit, "1.2.3", "demo 1.2.3", notes, false, []);

    private GitForge Forge() => new(new GitCli(_project.Repository.Path), "origin");

    [Fact]
    public async Task The_git_forge_pushes_an_annotated_tag_at_the_given_commit_and_finds_it_again()
    {
        var built = _project.BuiltCommit;
        _project.Repository.Commit("later", ("later.txt", "x\n"));
        var forge = Forge();

        Assert.Null(await forge.FindReleaseAsync("v1.2.3", Token));
        var release = await forge.CreateReleaseAsync(Request(built, "demo 1.2.3\n\n- fixed things"), Token);
        var again = await forge.CreateReleaseAsync(Request(built, "demo 1.2.3\n\n- fixed things"), Token);

        Assert.Equal(built, release.Commit);
        Assert.Equal(release, again);
        Assert.Equal(built, (await forge.FindReleaseAsync("v1.2.3", Token))!.Commit);
        Assert.Equal(built, _project.RemoteTag("v1.2.3"));
        Assert.Equal("- fixed things", _project.Remote.Git("tag", "-l", "--format=%(contents:body)", "v1.2.3").Trim());
    }

    [Fact]
    public async Task The_git_forge_never_moves_a_tag_that_names_another_commit()
    {
        _project.Repository.Tag("v1.2.3", "stray", _project.BuiltCommit);
        var other = _project.Repository.Commit("later", ("later.txt", "x\n"));

        var error = await Assert.ThrowsAsync<SlipwayException>(() => Forge().CreateReleaseAsync(Request(other, "notes"), Token));

        Assert.Equal(ErrorCode.ReleaseTagConflict, error.Code);
        Assert.Empty(_project.RemoteTags());
    }

    [Fact]
    public async Task Finalize_changelog_pushes_notes_and_fragment_removals_on_a_branch_from_the_released_commit()
    {
        _project.Repository.Commit("fragments", ("changelog.d/12.feature.md", "Added a thing\n"), ("changelog.d/13.bugfix.md", "Fixed a thing\n"));
        _project.Repository.Git("push", "-q", "origin", "main");
        var released = _project.Repository.Head;
        var redactor = new SecretRedactor();
        var environment = new DictionaryEnvironment();
        var config = ConfigLoader.Load(Path.Combine(_project.Repository.Path, "slipway.toml"), _project.Repository.Path, environment, redactor);
        var capabilities = ReleaseComposition.Capabilities(config);
        var graph = ReleaseGraphBuilder.Default(capabilities with
        {
            Steps =
            [
                new ChangelogDraftStep(
                    "## 1.2.3\n\n- Added a thing\n- Fixed a thing\n",
                    "CHANGELOG.md",
                    "# Changelog\n\n## 1.2.3\n\n- Added a thing\n- Fixed a thing\n",
                    "changelog.d/12.feature.md",
                    "changelog.d/13.bugfix.md"),
                new FinalizeChangelogStep(capabilities.Ports, config.Forge, config.Project.ReleaseBranch),
                .. capabilities.Steps,
            ],
        });
        using var journal = RunJournalFactory.Open(config.State, environment, redactor, TimeProvider.System);
        var session = new ReleaseSession(config, journal, graph, new RunServices(environment, redactor, TimeProvider.System, RunOwner.ForThisProcess()), SilentRunObserver.Instance);
        ReleaseInfo info;
        using (var repository = GitRepository.Open(_project.Repository.Path))
        {
            info = ReleaseDetector.Detect(config.Project, config.RootDirectory, repository);
        }

        var outcome = await session.ReleaseAsync(info, allowDirty: false, new RunInvocation(PreApprovedBy: "maintainer1"), Token);

        Assert.Equal(RunStatus.Succeeded, outcome!.Run.Status);
        const string Branch = "slipway/post-release-1.2.3";
        Assert.Equal(released, _project.Remote.Git("rev-parse", $"{Branch}^"));
        Assert.Equal("# Changelog\n\n## 1.2.3\n\n- Added a thing\n- Fixed a thing", _project.Remote.Git("show", $"{Branch}:CHANGELOG.md"));
        Assert.Equal(string.Empty, _project.Remote.Git("ls-tree", "--name-only", Branch, "changelog.d/"));
        Assert.Equal("Added a thing", _project.Remote.Git("show", $"{released}:changelog.d/12.feature.md"));
        Assert.Equal("demo 1.2.3", _project.Remote.Git("tag", "-l", "--format=%(contents:subject)", "v1.2.3"));
        Assert.StartsWith("## 1.2.3\n\n- Added a thing\n- Fixed a thing\n\n---\n\n## Pull requests\n", _project.Remote.Git("tag", "-l", "--format=%(contents:body)", "v1.2.3"), StringComparison.Ordinal);
        Assert.Equal(released, _project.RemoteTag("v1.2.3"));

        // The user's checkout is left alone: same HEAD, fragments still there, nothing staged.
        Assert.Equal(released, _project.Repository.Head);
        Assert.True(File.Exists(Path.Combine(_project.Repository.Path, "changelog.d", "12.feature.md")));
        Assert.Equal(string.Empty, _project.Repository.Git("status", "--porcelain"));
        Assert.Equal(
            ["detect-version", "preflight", "gates", "changelog-render", "build", "check-packages", "compose-notes", "approval", "publish-packages", "create-release", "finalize-changelog"],
            graph.Order.Select(s => s.Name).Where(s => !ImageSteps.Contains(s)));
    }
}
