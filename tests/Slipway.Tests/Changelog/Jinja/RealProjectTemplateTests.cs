using Slipway.Changelog;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Changelog.Jinja;

/// <summary>
/// Real projects' towncrier setups with their own Jinja2 templates (TestData/real-projects, built by make.py there):
/// the draft and the written news file must be the bytes towncrier 24.8.0 produced. Fragments are listed in the
/// order towncrier saw them, so entries that tie break the same way.
/// </summary>
public sealed class RealProjectTemplateTests
{
    private static string Source => Path.Combine(AppContext.BaseDirectory, "TestData", "real-projects");

    public static TheoryData<string> Projects =>
        [.. Directory.GetDirectories(Source).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_corpus_holds_at_least_eight_projects() => Assert.True(Projects.Count >= 8);

    [Theory]
    [MemberData(nameof(Projects))]
    public void Draft_and_build_match_towncrier_24_8_with_the_project_s_own_template(string name)
    {
        using var directory = new TempDirectory($"real-{name}");
        Copy(Path.Combine(Source, name), directory.Path);
        var args = directory.Read("args.txt").Trim().Split(' ');
        var recorded = File.ReadAllLines(directory["listing.txt"]).Where(l => l.Length > 0).Select(l => Path.GetFullPath(directory[l])).ToList();
        var project = ChangelogProject.Locate(directory.Path, null, new DictionaryEnvironment(), new SecretRedactor())
            with { ListFiles = folder => recorded.Where(p => string.Equals(Path.GetDirectoryName(p), Path.GetFullPath(folder).TrimEnd('/'), StringComparison.Ordinal)) };
        Assert.IsType<JinjaReleaseTemplate>(TemplateSource.Resolve(project.Settings, project.BaseDirectory));
        var version = ReleaseVersion.Resolve(project, args[0], args[1], args[2], TimeProvider.System);

        var draft = ChangelogBuilder.Draft(project, version).Draft;
        var built = ChangelogBuilder.Build(project, version, keep: true, allowEmpty: false);

        TowncrierTemplatesAsJinjaTests.AssertSameText(File.ReadAllBytes(directory["expected.draft"]), draft);
        Assert.Equal(Path.GetFullPath(directory[directory.Read("expected.path").Trim()]), built.NewsFile);
        TowncrierTemplatesAsJinjaTests.AssertSameText(File.ReadAllBytes(directory["expected.file"]), File.ReadAllText(built.NewsFile));
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
