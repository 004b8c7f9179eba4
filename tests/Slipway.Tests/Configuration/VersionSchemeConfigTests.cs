using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Versioning;

namespace Slipway.Tests.Configuration;

public sealed class VersionSchemeConfigTests
{
    private static SlipwayConfig Parse(string text) =>
        ConfigLoader.Parse(text, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());

    private static SlipwayException Fails(string text)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(text));
        Assert.Equal(ErrorCode.ConfigInvalidValue, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        return error;
    }

    [Theory]
    [InlineData("{ toml = \"pyproject.toml\" }", "pep440")]
    [InlineData("{ file = \"src/demo/__init__.py\", pattern = '(?<version>.+)' }", "pep440")]
    [InlineData("{ file = \"setup.cfg\", pattern = '(?<version>.+)' }", "pep440")]
    [InlineData("{ json = \"package.json\" }", "semver")]
    [InlineData("{ msbuild = \"Directory.Build.props\" }", "nuget")]
    [InlineData("{ file = \"src/App/App.csproj\", pattern = '(?<version>.+)' }", "nuget")]
    [InlineData("{ toml = \"Cargo.toml\" }", "semver")]
    [InlineData("{ file = \"VERSION\", pattern = '(?<version>.+)' }", "semver")]
    [InlineData("{ git-tag = true }", "semver")]
    public void The_scheme_is_inferred_from_the_version_source(string source, string scheme)
    {
        var config = Parse($"[project]\nname = \"demo\"\nversion = {source}\n");
        Assert.Equal(scheme, config.Project.Scheme.Name);
        Assert.StartsWith(scheme == "semver" ? "the default" : "inferred from ", config.Project.SchemeOrigin, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("semver", typeof(SemVerScheme))]
    [InlineData("pep440", typeof(Pep440Scheme))]
    [InlineData("nuget", typeof(NuGetScheme))]
    [InlineData("calver", typeof(CalVerScheme))]
    public void A_configured_scheme_wins_over_the_inferred_one(string name, Type type)
    {
        var config = Parse($"[project]\nname = \"demo\"\nversion = {{ json = \"package.json\" }}\nversion-scheme = \"{name}\"\n");
        Assert.IsType(type, config.Project.Scheme);
        Assert.Equal("configured", config.Project.SchemeOrigin);
    }

    [Fact]
    public void A_calver_format_is_read()
    {
        var config = Parse("[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '(?<version>.+)' }\nversion-scheme = \"calver\"\ncalver-format = \"YY.MINOR\"\n");
        Assert.Equal("YY.MINOR", Assert.IsType<CalVerScheme>(config.Project.Scheme).Format);
    }

    [Fact]
    public void An_unknown_scheme_is_a_config_error_at_its_line() =>
        Assert.Equal(
            "slipway.toml:4:1: 'project.version-scheme' must be one of \"semver\", \"pep440\", \"nuget\", \"calver\" (it is \"pep-440\")",
            Fails("[project]\nname = \"demo\"\nversion = { json = \"package.json\" }\nversion-scheme = \"pep-440\"\n").Message);

    [Fact]
    public void A_calver_format_with_an_unknown_field_is_a_config_error_at_its_line() =>
        Assert.StartsWith(
            "slipway.toml:5:1: 'project.calver-format' has an unknown field 'MONTH'",
            Fails("[project]\nname = \"demo\"\nversion = { json = \"package.json\" }\nversion-scheme = \"calver\"\ncalver-format = \"YYYY.MONTH\"\n").Message,
            StringComparison.Ordinal);

    [Fact]
    public void A_calver_format_without_the_calver_scheme_is_a_config_error() =>
        Assert.Contains(
            "applies only with version-scheme = \"calver\"",
            Fails("[project]\nname = \"demo\"\nversion = { json = \"package.json\" }\ncalver-format = \"YY.MINOR\"\n").Message,
            StringComparison.Ordinal);
}
