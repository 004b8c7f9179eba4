using System.Text;
using Slipway.Changelog;
using Slipway.Diagnostics;

namespace Slipway.Tests.Changelog.Jinja;

/// <summary>
/// towncrier 24.8.0's own default.md and default.rst, configured as custom templates, go through the Jinja2 renderer
/// and must give the bytes towncrier gave for every reference case: a whole-output check of the renderer.
/// </summary>
public sealed class TowncrierTemplatesAsJinjaTests
{
    public static TheoryData<string> Cases => [.. ReferenceCase.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Towncrier_default_template_as_a_custom_Jinja_template_matches_towncrier_24_8(string name)
    {
        using var reference = ReferenceCase.Copy(name);
        var template = UseTowncrierTemplate(reference);
        var project = ChangelogProject.Locate(reference.Directory.Path, null, new DictionaryEnvironment(), new SecretRedactor())
            with { ListFiles = reference.ListAsRecorded };
        Assert.IsType<JinjaReleaseTemplate>(TemplateSource.Resolve(project.Settings, project.BaseDirectory));
        var version = ReleaseVersion.Resolve(project, reference.Version, reference.Date, null, TimeProvider.System);

        var draft = ChangelogBuilder.Draft(project, version).Draft;
        var built = ChangelogBuilder.Build(project, version, keep: true, allowEmpty: true);

        AssertSameText(reference.ExpectedDraft, draft);
        AssertSameText(reference.ExpectedFile, File.ReadAllText(built.NewsFile));
        Assert.True(File.Exists(reference.Directory[template]));
    }

    /// <summary>Copies towncrier's template matching the news file's format beside the configuration and points <c>template</c> at it.</summary>
    internal static string UseTowncrierTemplate(ReferenceCase reference)
    {
        var config = File.Exists(reference.Directory["towncrier.toml"]) ? "towncrier.toml" : "pyproject.toml";
        var markdown = reference.ExpectedPath.EndsWith(".md", StringComparison.Ordinal);
        var template = markdown ? "towncrier-default.md" : "towncrier-default.rst";
        File.Copy(
            Path.Combine(AppContext.BaseDirectory, "TestData", "towncrier-24.8-templates", markdown ? "default.md" : "default.rst"),
            reference.Directory[template]);
        var text = reference.Directory.Read(config);
        reference.Directory.Write(config, text.Replace("[tool.towncrier]\n", $"[tool.towncrier]\ntemplate = \"{template}\"\n", StringComparison.Ordinal));
        return template;
    }

    internal static void AssertSameText(byte[] expected, string actual)
    {
        var actualBytes = Encoding.UTF8.GetBytes(actual);
        if (!expected.AsSpan().SequenceEqual(actualBytes))
        {
            Assert.Equal(Encoding.UTF8.GetString(expected), actual);
            Assert.Fail("the texts are equal but their bytes differ");
        }
    }
}
