using Slipway.Forges;
using Slipway.Git;

namespace Slipway.IntegrationTests.Forges;

/// <summary>The plain-git forge against a bare remote.</summary>
public sealed class GitForgeContractTests : ForgeContractTests
{
    protected override IForge CreateForge() => new GitForge(new GitCli(Project.Repository.Path), "origin");

    protected override void ReleasedElsewhere(string tag, string commit)
    {
        Project.Repository.Git("push", "-q", "origin", $"{commit}:refs/tags/{tag}");
    }
}
