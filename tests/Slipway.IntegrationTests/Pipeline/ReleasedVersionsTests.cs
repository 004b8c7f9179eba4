using Slipway.Git;
using Slipway.Pipeline.Images;
using Slipway.Versioning;

namespace Slipway.IntegrationTests.Pipeline;

public sealed class ReleasedVersionsTests : IDisposable
{
    private readonly ReleaseProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Reads_the_release_versions_from_the_remote_tags_only()
    {
        _project.Repository.Tag("v2.1.0", "release 2.1.0");
        _project.Repository.Tag("v1.2.2");
        _project.Repository.Tag("nightly-5");
        _project.Repository.Git("push", "-q", "origin", "v2.1.0", "v1.2.2", "nightly-5");
        _project.Repository.Tag("v9.9.9", "local only");
        Assert.True(TagTemplate.TryParse("v{version}", out var template, out _));

        using var repository = GitRepository.Open(_project.Repository.Path);
        var versions = ReleasedVersions.OnRemote(repository, "origin", template!, SemVerScheme.Instance);

        Assert.Equal(["1.2.2", "2.1.0"], versions.Select(v => v.ToString()).Order(StringComparer.Ordinal));
        Assert.False(FloatingTagPolicy.Decide(ParseTemplate("latest"), SemanticVersion.Parse("1.2.3"), versions).Moves);
    }

    private static Template ParseTemplate(string text)
    {
        Assert.True(Template.TryParse(text, out var template, out var error), error);
        return template;
    }
}
