using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Notes;

namespace Slipway.Tests.Notes;

public sealed class PreviousReleaseTests
{
    private static ProjectSection Project(string scheme = "semver", string tag = "v{version}")
    {
        var text = $"[project]\nname = \"demo\"\nversion = {{ file = \"VERSION\", pattern = '(?<version>.+)' }}\nversion-scheme = \"{scheme}\"\ntag = \"{tag}\"\n";
        return ConfigLoader.Parse(text, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor()).Project;
    }

    private static string? Previous(ProjectSection project, string version, params string[] tags)
    {
        Assert.True(project.Scheme.TryParse(version, out var parsed, out _));
        return PreviousRelease.Find(project, parsed, tags);
    }

    [Fact]
    public void Is_the_highest_version_below_in_the_scheme_not_the_newest_tag()
    {
        // 1.4.9 was tagged last (a maintenance release), 2.0.0 is still the previous release of 2.0.1.
        Assert.Equal("v2.0.0", Previous(Project(), "2.0.1", "v1.9.0", "v2.0.0", "v1.4.9", "v10.0.0", "other-tag"));
        Assert.Equal("v1.4.9", Previous(Project(), "1.4.10", "v1.9.0", "v2.0.0", "v1.4.9", "v1.4.10"));
        Assert.Equal("v1.10.0", Previous(Project(), "1.11.0", "v1.9.0", "v1.10.0", "v1.2.0"));
    }

    [Fact]
    public void Skips_prereleases_unless_the_release_is_one()
    {
        string[] tags = ["v1.9.0", "v2.0.0-rc.1", "v2.0.0-rc.2"];

        Assert.Equal("v1.9.0", Previous(Project(), "2.0.0", tags));
        Assert.Equal("v2.0.0-rc.2", Previous(Project(), "2.0.0-rc.3", tags));
    }

    [Fact]
    public void Reads_tags_with_the_project_template_and_scheme()
    {
        Assert.Equal("release-1.0.post1", Previous(Project("pep440", "release-{version}"), "1.1", "release-1.0", "release-1.0.post1", "v9.0", "release-1.1rc1"));
        Assert.Null(Previous(Project(), "1.0.0", "v1.0.0", "v2.0.0"));
    }
}
