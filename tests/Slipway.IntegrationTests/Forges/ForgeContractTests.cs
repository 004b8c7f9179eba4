using System.Text;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Forges;
using Slipway.IntegrationTests.Pipeline;

namespace Slipway.IntegrationTests.Forges;

/// <summary>
/// What every forge must do, run against each (<see cref="GitForgeContractTests"/> on a bare remote,
/// <see cref="GitHubForgeContractTests"/> on the local GitHub endpoint): a release is found only once published, at the
/// built commit, a re-run returns the same release, a release elsewhere is reported at its own commit, and a pull
/// request opened twice is one pull request (none on a forge without them).
/// </summary>
public abstract class ForgeContractTests : IDisposable
{
    protected ForgeContractTests()
    {
        Config = ConfigLoader.Load(Path.Combine(Project.Repository.Path, "slipway.toml"), Project.Repository.Path, new DictionaryEnvironment(), new SecretRedactor());
    }

    protected ReleaseProject Project { get; } = new();

    protected SlipwayConfig Config { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract IForge CreateForge();

    /// <summary>Makes <paramref name="tag"/> a published release at <paramref name="commit"/> by hand, outside Slipway.</summary>
    protected abstract void ReleasedElsewhere(string tag, string commit);

    /// <summary>Whether the forge opens pull requests; the plain-git forge pushes the branch only.</summary>
    protected abstract bool HasPullRequests { get; }

    /// <summary>The open pull requests from <paramref name="head"/> the forge holds.</summary>
    protected abstract int OpenPullRequests(string head);

    protected static ReleaseRequest Request(string commit, string tag = "v1.2.3", params ReleaseAsset[] assets) =>
        new(tag, commit, tag.TrimStart('v'), $"demo {tag.TrimStart('v')}", "## Fixed\n\n- things", Prerelease: false, assets);

    protected static ReleaseAsset Asset(string name, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new ReleaseAsset(name, "text/plain", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes.Length, () => new MemoryStream(bytes));
    }

    /// <summary>What a run does: stage (when the forge drafts), then publish.</summary>
    protected static async Task<ForgeRelease> ReleaseAsync(IForge forge, ReleaseRequest request)
    {
        await forge.DraftAsync(request, static (_, _) => Task.CompletedTask, Token);
        return await forge.CreateReleaseAsync(request, Token);
    }

    [Fact]
    public async Task A_release_is_found_only_after_it_is_created_and_names_the_built_commit()
    {
        var built = Project.BuiltCommit;
        Project.Repository.Commit("later", ("later.txt", "x\n"));
        using var forge = CreateForge();
        await forge.CheckAsync(Token);

        Assert.Null(await forge.FindReleaseAsync("v1.2.3", Token));
        var release = await ReleaseAsync(forge, Request(built));

        Assert.Equal(("v1.2.3", built), (release.Tag, release.Commit));
        Assert.Equal(built, (await forge.FindReleaseAsync("v1.2.3", Token))!.Commit);
    }

    [Fact]
    public async Task A_rerun_after_the_release_returns_the_same_release_and_changes_nothing()
    {
        using var forge = CreateForge();
        var first = await ReleaseAsync(forge, Request(Project.BuiltCommit));

        var again = await forge.CreateReleaseAsync(Request(Project.BuiltCommit), Token);

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task A_release_made_elsewhere_is_already_released_at_its_own_commit()
    {
        var other = Project.Repository.Commit("other", ("other.txt", "x\n"));
        ReleasedElsewhere("v1.2.3", other);
        using var forge = CreateForge();

        var found = await forge.FindReleaseAsync("v1.2.3", Token);

        Assert.Equal(other, found!.Commit);
    }

    [Fact]
    public async Task Another_tag_is_not_found()
    {
        using var forge = CreateForge();
        await ReleaseAsync(forge, Request(Project.BuiltCommit, "v1.2.3"));

        Assert.Null(await forge.FindReleaseAsync("v1.2.4", Token));
    }

    [Fact]
    public async Task A_pull_request_opened_twice_is_one_pull_request_or_none_on_a_forge_without_them()
    {
        const string Head = "slipway/post-release-1.2.3";
        Project.Repository.Git("push", "-q", "origin", $"{Project.BuiltCommit}:refs/heads/{Head}");
        using var forge = CreateForge();
        var pull = new ProposedPullRequest(Head, "main", "chore: release notes for 1.2.3", "The release notes of 1.2.3.");

        var first = await forge.OpenPullRequestAsync(pull, Token);
        var again = await forge.OpenPullRequestAsync(pull with { Body = "The release notes of 1.2.3, again." }, Token);

        Assert.Equal(HasPullRequests, first is not null);
        Assert.Equal(HasPullRequests, again is not null);
        Assert.Equal(HasPullRequests ? 1 : 0, OpenPullRequests(Head));
        if (first is not null)
        {
            Assert.Equal((first.Number, first.Location, false, true), (again!.Number, again.Location, first.Existing, again.Existing));
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Project.Dispose();
        }
    }
}
