using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string Valid = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
        tag = "v{version}"
        release-branch = "main"
        """;

    private static SlipwayConfig Parse(string text, IReadOnlyDictionary<string, string>? environment = null, SecretRedactor? redactor = null) =>
        ConfigLoader.Parse(
            text,
            "/repo/slipway.toml",
            "/repo",
            new DictionaryEnvironment(environment ?? new Dictionary<string, string>()),
            redactor ?? new SecretRedactor());

    private static SlipwayException Fails(string text, ErrorCode code, IReadOnlyDictionary<string, string>? environment = null)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(text, environment));
        Assert.Equal(code, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        return error;
    }

    [Fact]
    public void Binds_the_project_section()
    {
        var config = Parse(Valid);
        Assert.Equal("demo", config.Project.Name);
        Assert.Equal("v{version}", config.Project.Tag.Text);
        Assert.Equal("main", config.Project.ReleaseBranch);
        var source = Assert.IsType<VersionSourceSpec.FilePattern>(config.Project.Version);
        Assert.Equal("VERSION", source.File);
        Assert.Equal(new SourceLocation("slipway.toml", 3, 1), source.Location);
    }

    [Fact]
    public void Defaults_tag_and_branch()
    {
        var config = Parse("""
            [project]
            name = "demo"
            version = { json = "package.json" }
            """);
        Assert.Equal("v{version}", config.Project.Tag.Text);
        Assert.Equal("main", config.Project.ReleaseBranch);
        Assert.Equal("origin", config.Project.Remote);
        Assert.IsType<VersionSourceSpec.Json>(config.Project.Version);
    }

    [Theory]
    [InlineData("{ msbuild = \"Directory.Build.props\" }", typeof(VersionSourceSpec.MSBuild))]
    [InlineData("{ json = \"package.json\" }", typeof(VersionSourceSpec.Json))]
    [InlineData("{ toml = \"pyproject.toml\" }", typeof(VersionSourceSpec.Toml))]
    [InlineData("{ git-tag = true }", typeof(VersionSourceSpec.GitTag))]
    public void Binds_every_version_source(string source, Type expected)
    {
        var config = Parse($"[project]\nname = \"demo\"\nversion = {source}\n");
        Assert.IsType(expected, config.Project.Version);
    }

    [Fact]
    public void Unknown_key_names_its_position_and_the_closest_known_key()
    {
        var error = Fails(Valid.Replace("release-branch", "release-brnch", StringComparison.Ordinal), ErrorCode.ConfigUnknownKey);
        Assert.Equal("slipway.toml:5:1: unknown key 'project.release-brnch', did you mean 'release-branch'?", error.Message);
    }

    [Fact]
    public void Misspelt_required_key_is_reported_as_misspelt_not_missing()
    {
        var error = Fails("[project]\nnmae = \"demo\"\nversion = { json = \"package.json\" }\n", ErrorCode.ConfigUnknownKey);
        Assert.Equal("slipway.toml:2:1: unknown key 'project.nmae', did you mean 'name'?", error.Message);
    }

    [Fact]
    public void Unknown_top_level_table_is_an_error()
    {
        var error = Fails(Valid + "\n[projekt]\nx = 1\n", ErrorCode.ConfigUnknownKey);
        Assert.StartsWith("slipway.toml:6:2: unknown key 'projekt', did you mean 'project'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_without_a_close_match_gets_no_suggestion()
    {
        var error = Fails(Valid + "\nzzzzzzzz = 1\n", ErrorCode.ConfigUnknownKey);
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_names_the_expected_and_actual_type()
    {
        var error = Fails(Valid.Replace("tag = \"v{version}\"", "tag = 3", StringComparison.Ordinal), ErrorCode.ConfigWrongType);
        Assert.Equal("slipway.toml:4:1: 'project.tag' must be a string, not an integer", error.Message);
    }

    [Fact]
    public void Missing_project_name_is_an_error()
    {
        var error = Fails("[project]\nversion = { json = \"package.json\" }\n", ErrorCode.ConfigMissingValue);
        Assert.Contains("'project.name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_project_section_is_an_error()
    {
        Fails("", ErrorCode.ConfigMissingValue);
    }

    [Fact]
    public void Syntax_error_names_line_and_column()
    {
        var error = Fails("[project]\nname = \n", ErrorCode.ConfigSyntax);
        Assert.StartsWith("slipway.toml:2:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ }", "must name one source")]
    [InlineData("{ json = \"a.json\", toml = \"b.toml\" }", "names several sources")]
    [InlineData("{ git-tag = false }", "must be true")]
    [InlineData("{ file = \"VERSION\" }", "needs a 'pattern'")]
    [InlineData("{ file = \"VERSION\", pattern = '^(\\S+)$' }", "no named group 'version'")]
    [InlineData("{ file = \"VERSION\", pattern = '^(?<version>\\S+$' }", "not a valid regular expression")]
    public void Invalid_version_sources_are_errors(string source, string reason)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse($"[project]\nname = \"demo\"\nversion = {source}\n"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
    }

    [Fact]
    public void Unknown_key_inside_the_version_source_is_an_error()
    {
        var error = Fails("[project]\nname = \"demo\"\nversion = { json = \"package.json\", patern = \"x\" }\n", ErrorCode.ConfigUnknownKey);
        Assert.Contains("'project.version.patern'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_template_without_version_is_an_error()
    {
        var error = Fails(Valid.Replace("tag = \"v{version}\"", "tag = \"release\"", StringComparison.Ordinal), ErrorCode.ConfigInvalidValue);
        Assert.Equal("slipway.toml:4:1: 'project.tag' must contain {version} (it is 'release')", error.Message);
    }

    [Fact]
    public void Environment_values_resolve_and_are_registered_for_redaction()
    {
        var redactor = new SecretRedactor();
        var config = Parse(
            Valid.Replace("name = \"demo\"", "name = \"env:PROJECT_NAME\"", StringComparison.Ordinal),
            new Dictionary<string, string> { ["PROJECT_NAME"] = "hush-hush-name" },
            redactor);
        Assert.Equal("hush-hush-name", config.Project.Name);
        Assert.Equal("name is ***", redactor.Redact("name is hush-hush-name"));
    }

    [Fact]
    public void Missing_environment_variable_is_an_error_naming_it()
    {
        var error = Fails(Valid.Replace("name = \"demo\"", "name = \"env:NOT_SET_ANYWHERE\"", StringComparison.Ordinal), ErrorCode.EnvironmentVariableMissing);
        Assert.Equal("slipway.toml:2:1: 'project.name' reads environment variable NOT_SET_ANYWHERE, which is not set", error.Message);
    }
}
