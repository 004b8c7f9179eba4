using System.Text.Json;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Versioning;

/// <summary>
/// Each real project of the corpus (TestData/real-projects, its version/ folder made by make_versions.py), in a git
/// repository with its release tags: <c>slipway init</c> then <c>slipway version</c> succeed without any edit, and
/// report the project's own version and tag template.
/// </summary>
public sealed class InitThenVersionCorpusTests
{
    private static readonly string Source = Path.Combine(AppContext.BaseDirectory, "TestData", "real-projects");

    private static readonly string[] CaseFiles = ["README.md", "args.txt", "listing.txt", "expected.draft", "expected.path", "expected.file"];

    public static TheoryData<string> Projects() =>
        [.. Directory.GetDirectories(Source).Where(d => Directory.Exists(Path.Combine(d, "version"))).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Init_then_version_report_the_projects_version(string project)
    {
        var folder = Path.Combine(Source, project);
        var expected = File.ReadAllLines(Path.Combine(folder, "version", "expected.txt"));
        var tags = File.ReadAllLines(Path.Combine(folder, "version", "tags.txt"));
        using var repository = GitTestRepository.Init();
        repository.Commit("history", ("README.md", $"# {project}\n"));
        foreach (var tag in tags[..^1])
        {
            repository.Tag(tag, tag);
        }

        Copy(folder, repository.Path, top: true);
        Copy(Path.Combine(folder, "version"), repository.Path, top: false);
        repository.Commit("release");
        if (expected[2] == "tag")
        {
            repository.Tag(tags[^1], tags[^1]);
        }

        var init = await CliRunner.RunAsync(repository.Path, "init");
        Assert.True(init.ExitCode == 0, init.ToString());
        var config = File.ReadAllText(Path.Combine(repository.Path, "slipway.toml"));
        Assert.Contains($"\ntag = \"{expected[1]}\"\n", config, StringComparison.Ordinal);
        Assert.Contains(expected[2] == "tag" ? "version = { git-tag = true }" : "version = { file = ", config, StringComparison.Ordinal);

        var version = await CliRunner.RunAsync(repository.Path, "version", "--json");
        Assert.True(version.ExitCode == 0, $"{init}\n{config}\n{version}");
        var json = JsonDocument.Parse(version.Out).RootElement;
        Assert.Equal(expected[0], json.GetProperty("version").GetString());
        Assert.Equal("pep440", json.GetProperty("versionScheme").GetString());

        // What init wrote is also what bump edits: a version file in place, a tag-driven version not at all.
        var bump = await CliRunner.RunAsync(repository.Path, "bump", "minor", "--dry-run");
        Assert.True(bump.ExitCode == (expected[2] == "file" ? 0 : 2), bump.ToString());
        Assert.StartsWith(expected[2] == "file" ? $"would bump {expected[0]} -> " : "slipway: error SLW2022: ", expected[2] == "file" ? bump.Out : bump.Err, StringComparison.Ordinal);
    }

    private static void Copy(string from, string to, bool top)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            var name = Path.GetFileName(file);
            if (!(top && CaseFiles.Contains(name, StringComparer.Ordinal)) && !(!top && name is "tags.txt" or "expected.txt" && Path.GetFileName(from) == "version"))
            {
                File.Copy(file, Path.Combine(to, name), overwrite: true);
            }
        }

        foreach (var directory in Directory.GetDirectories(from).Where(d => !(top && Path.GetFileName(d) == "version")))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)), top: false);
        }
    }
}
