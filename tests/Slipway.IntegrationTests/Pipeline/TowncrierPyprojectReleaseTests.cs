using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>A Python project whose towncrier settings live in pyproject.toml's [tool.towncrier], released end to end.</summary>
public sealed class TowncrierPyprojectReleaseTests : IDisposable
{
    private const string PyProject = """
        [project]
        name = "demo"
        version = "2.0.0a1"

        [tool.towncrier]
        directory = "newsfragments"
        filename = "NEWS.md"
        """;

    private readonly ReleaseProject _project = new();

    public TowncrierPyprojectReleaseTests()
    {
        var config = Path.Combine(_project.Repository.Path, "slipway.toml");
        File.WriteAllText(config, File.ReadAllText(config).Replace(
            "version = { file = \"VERSION\", pattern = '^(?<version>\\S+)$' }",
            "version = { toml = \"pyproject.toml\" }",
            StringComparison.Ordinal));
        _project.Repository.Commit(
            "python project with news fragments",
            ("pyproject.toml", PyProject),
            ("newsfragments/12.feature.md", "Promote images by digest.\n"),
            ("newsfragments/13.bugfix.md", "Restore floating tags on rollback.\n"));
        _project.Repository.Git("push", "-q", "origin", "main");
        _project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_release_renders_the_notes_into_the_tag_and_finalizes_the_changelog()
    {
        var plan = await _project.RunAsync("plan");
        var release = await _project.RunAsync("release", "--yes");

        Assert.Contains("changelog-render    run   when [changelog], towncrier.toml or [tool.towncrier] configured", plan.Out, StringComparison.Ordinal);
        Assert.Contains("finalize-changelog", plan.Out, StringComparison.Ordinal);
        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var message = _project.Remote.Git("tag", "-l", "--format=%(contents)", "v2.0.0a1");
        Assert.Contains("Promote images by digest.", message, StringComparison.Ordinal);
        Assert.Contains("Restore floating tags on rollback.", message, StringComparison.Ordinal);
        const string Branch = "slipway/post-release-2.0.0a1";
        var news = _project.Remote.Git("show", $"{Branch}:NEWS.md");
        Assert.Contains("2.0.0a1", news, StringComparison.Ordinal);
        Assert.Contains("Promote images by digest.", news, StringComparison.Ordinal);
        Assert.Equal(string.Empty, _project.Remote.Git("ls-tree", "--name-only", Branch, "newsfragments/"));
    }
}
