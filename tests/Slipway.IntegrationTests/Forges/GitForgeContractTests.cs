using Slipway.Forges;
using Slipway.Git;

namespace Slipway.IntegrationTests.Forges;

/// <summary>The plain-git forge against a bare remote.</summary>
public sealed class GitForgeContractTests : ForgeContractTests
{
    protected override IForge CreateForge() => new GitForge(new GitCli(Project.Repository.Path), "origin");

    protected override bool HasPullRequests => false;

    /// <summary>A bare remote has no pull requests; the branch on it is all there is.</summary>
    protected override int OpenPullRequests(string head) => 0;

    protected override void ReleasedElsewhere(string tag, string commit)
    {
        Project.Repository.Git("push", "-q", "origin", $"{commit}:refs/tags/{tag}");
    }
}
