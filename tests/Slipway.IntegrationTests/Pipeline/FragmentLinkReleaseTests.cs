using System.Text;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// A pull request controls the fragments and the news file path: a fragment linked to the signing key or to a file of
/// the job's environment, or a news file outside the repository, stops the release before anything is public, and
/// what the links point at appears nowhere — not in the tag, the remote's branches, the journal or the output.
/// </summary>
public sealed class FragmentLinkReleaseTests : IDisposable
{
    private const string Changelog = """

        [changelog]
        directory = "changelog.d"
        filename = "CHANGELOG.md"
        """;

    private const string KeyMarker = "KEYMATERIAL0b7e4d1c9a";
    private const string EnvironmentMarker = "ENVMARKER5c2f8e0a17";

    private readonly TempDirectory _outside = new("outside");
    private ReleaseProject? _project;

    private ReleaseProject Project => _project!;

    public void Dispose()
    {
        _project?.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task Fragments_linked_to_the_signing_key_and_the_environment_stop_the_release_and_leak_nothing()
    {
        _project = new ReleaseProject(ReleaseProject.DefaultGates + Changelog);
        var repository = Project.Repository;
        // The key sits in the job's checkout, ignored by git, as a CI secret file does.
        repository.Write("keys/release.key", $"-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n{KeyMarker}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
        var environ = _outside.Write("environ", $"REGISTRY_PASSWORD={EnvironmentMarker}\0CI_JOB_TOKEN={EnvironmentMarker}\0");
        repository.Commit("fragments", (".gitignore", "out/\n.slipway/\nkeys/\n"), ("changelog.d/1.feature.md", "Promote images by digest.\n"));
        File.CreateSymbolicLink(Path.Combine(repository.Path, "changelog.d", "2.feature.md"), "../keys/release.key");
        File.CreateSymbolicLink(Path.Combine(repository.Path, "changelog.d", "3.bugfix.md"), environ);
        repository.Git("add", "changelog.d");
        repository.Git("commit", "-qm", "share two fragments");
        repository.Git("push", "-q", "origin", "main");
        Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await Project.RunAsync("release", "--yes");
        var status = await Project.RunAsync("status", "--json");

        Assert.True(release.ExitCode == ExitCodes.InvalidInput, release.ToString());
        Assert.Contains($"failed: {SlipwayException.FormatCode(ErrorCode.FragmentOutsideDirectory)}: changelog.d/", release.Err, StringComparison.Ordinal);
        Assert.Contains(", outside the fragments directory changelog.d", release.Err, StringComparison.Ordinal);
        Assert.Contains("\"changelog-render\"", status.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\"create-release\"", status.Out, StringComparison.Ordinal);
        Assert.Empty(Project.RemoteTags());
        Assert.Equal(["refs/heads/main"], Project.Remote.Refs().Select(r => r.Split(' ')[0]));
        Assert.NotEqual(0, repository.TryGit("rev-parse", "-q", "--verify", "refs/tags/v1.2.3").ExitCode);
        AssertNowhere(KeyMarker, release, status);
        AssertNowhere(EnvironmentMarker, release, status);
    }

    [Fact]
    public async Task A_fragment_linked_to_its_sibling_releases_one_entry_for_both_issues()
    {
        _project = new ReleaseProject(ReleaseProject.DefaultGates + Changelog);
        var repository = Project.Repository;
        repository.Commit("fragment", ("changelog.d/12.feature.md", "Promote images by digest.\n"));
        File.CreateSymbolicLink(Path.Combine(repository.Path, "changelog.d", "14.feature.md"), "12.feature.md");
        repository.Git("add", "changelog.d");
        repository.Git("commit", "-qm", "same change for #14");
        repository.Git("push", "-q", "origin", "main");
        Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await Project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        Assert.Contains("- Promote images by digest. (#12, #14)", Project.Remote.Git("tag", "-l", "--format=%(contents)", "v1.2.3"), StringComparison.Ordinal);
        const string Branch = "slipway/post-release-1.2.3";
        Assert.Contains("- Promote images by digest. (#12, #14)", Project.Remote.Git("show", $"{Branch}:CHANGELOG.md"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, Project.Remote.Git("ls-tree", "--name-only", Branch, "changelog.d/"));
    }

    [Fact]
    public async Task A_news_file_outside_the_repository_is_refused_by_plan_and_by_preflight_before_anything_is_public()
    {
        var name = $"NEWS-{Guid.NewGuid():N}.md";
        _project = new ReleaseProject(ReleaseProject.DefaultGates + Changelog.Replace("filename = \"CHANGELOG.md\"", $"filename = \"../{name}\"", StringComparison.Ordinal));
        Project.Repository.Commit("fragment", ("changelog.d/12.feature.md", "Promote images by digest.\n"));
        Project.Repository.Git("push", "-q", "origin", "main");
        Project.Environment["SLIPWAY_APPROVER"] = "maintainer1";
        var escaped = Path.Combine(Path.GetDirectoryName(Project.Repository.Path)!, name);

        var plan = await Project.RunAsync("plan");
        var release = await Project.RunAsync("release", "--yes");
        var status = await Project.StatusAsync();

        var refusal = $"{SlipwayException.FormatCode(ErrorCode.OutputPathOutsideRepository)}: ../{name} (from filename in slipway.toml) leads to {escaped}, outside the repository";
        Assert.True(plan.ExitCode == ExitCodes.InvalidInput, plan.ToString());
        Assert.Contains($"slipway: error {refusal}", plan.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, plan.Out);
        Assert.True(release.ExitCode == ExitCodes.InvalidInput, release.ToString());
        Assert.Contains($"failed: {refusal}", release.Err, StringComparison.Ordinal);
        var steps = status.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal("failed", steps["preflight"].GetProperty("status").GetString());
        Assert.False(steps.ContainsKey("gates"));
        Assert.False(steps.ContainsKey("changelog-render"));
        Assert.False(File.Exists(escaped));
        Assert.Empty(Project.RemoteTags());
        Assert.Equal(["refs/heads/main"], Project.Remote.Refs().Select(r => r.Split(' ')[0]));
        Assert.False(Directory.Exists(Path.Combine(Project.Repository.Path, "out")));
    }

    /// <summary>Not in the output, not in any file of the journal or the run's logs, not in any object or ref of the remote.</summary>
    private void AssertNowhere(string marker, params CliResult[] results)
    {
        foreach (var result in results)
        {
            Assert.DoesNotContain(marker, result.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, result.Err, StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(marker);
        var journal = Path.Combine(Project.Repository.Path, ".slipway");
        Assert.True(File.Exists(Project.StateFile), "the run was journaled");
        foreach (var file in Directory.EnumerateFiles(journal, "*", SearchOption.AllDirectories))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(bytes) < 0, $"{marker} is in {file}");
        }

        var objects = Project.Remote.Git("cat-file", "--batch-all-objects", "--batch");
        Assert.DoesNotContain(marker, objects, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, Project.Remote.Git("for-each-ref", "--format=%(refname) %(contents)"), StringComparison.Ordinal);
    }
}
