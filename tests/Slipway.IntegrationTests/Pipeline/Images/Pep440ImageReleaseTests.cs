using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>An image release of a PEP 440 project: its tags and floating tags follow PEP 440, not SemVer.</summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class Pep440ImageReleaseTests(AnonymousRegistry server) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        server.AttachLogIfFailed();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private ImageReleaseProject Pep440Project(string repository, string version)
    {
        var project = new ImageReleaseProject(server.Registry.Host, repository);
        _owned.Add(project);
        var config = Path.Combine(project.Project.Repository.Path, "slipway.toml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("release-branch = \"main\"\n", "release-branch = \"main\"\nversion-scheme = \"pep440\"\n", StringComparison.Ordinal));
        project.Project.Repository.Commit("pep440", ("VERSION", version + "\n"));
        project.Project.Repository.Git("push", "-q", "origin", "main");
        project.Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        return project;
    }

    [Fact]
    public async Task A_pep440_prerelease_is_tagged_by_its_version_and_moves_no_floating_tag()
    {
        var project = Pep440Project("e2e/pep440-rc", "2.0.0rc1");

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var tags = await ImageReleaseProject.TagsAsync(server.Registry, "e2e/pep440-rc");
        Assert.Equal(project.Built.ToString(), tags["2.0.0rc1"]);
        Assert.False(tags.ContainsKey("2.0"));
        Assert.False(tags.ContainsKey("latest"));
        Assert.Contains("2.0.0rc1 is a prerelease; floating tags name stable releases only", release.Out + release.Err, StringComparison.Ordinal);
        Assert.Contains("v2.0.0rc1", project.Project.RemoteTags());
    }

    [Fact]
    public async Task A_pep440_post_release_above_the_released_version_moves_the_floating_tags()
    {
        var project = Pep440Project("e2e/pep440-post", "1.2.3.post1");
        project.Project.Remote.Git("tag", "-a", "v1.2.3", "-m", "1.2.3", project.Project.BuiltCommit);

        var release = await project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var tags = await ImageReleaseProject.TagsAsync(server.Registry, "e2e/pep440-post");
        Assert.Equal(project.Built.ToString(), tags["1.2.3.post1"]);
        Assert.Equal(project.Built.ToString(), tags["1.2"]);
        Assert.Equal(project.Built.ToString(), tags["latest"]);
    }
}
