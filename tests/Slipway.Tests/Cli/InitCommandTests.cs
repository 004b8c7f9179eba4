using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Cli;

public sealed class InitCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new("init");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("package.json", "{ \"name\": \"demo\", \"version\": \"1.0.0\" }", "{ json = \"package.json\" }")]
    [InlineData("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"1.0.0\"\n", "{ toml = \"pyproject.toml\" }")]
    [InlineData("Cargo.toml", "[package]\nname = \"demo\"\nversion = \"1.0.0\"\n", "{ toml = \"Cargo.toml\" }")]
    [InlineData("Directory.Build.props", "<Project><PropertyGroup><Version>1.0.0</Version></PropertyGroup></Project>", "{ msbuild = \"Directory.Build.props\" }")]
    [InlineData("VERSION", "1.0.0\n", "{ file = \"VERSION\", pattern = '^(?<version>\\S+)$' }")]
    [InlineData("src/demo/__version__.py", "__version__ = \"1.0.0\"\n", "{ file = \"src/demo/__version__.py\", pattern = '__version__ = \"(?<version>[^\"]+)\"' }")]
    [InlineData("README.md", "# demo\n", "{ git-tag = true }")]
    public async Task Detects_the_version_source_and_writes_a_loadable_configuration(string file, string content, string expected)
    {
        _directory.Write(file, content);

        var result = await CliRunner.RunAsync(_directory.Path, "init");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("wrote slipway.toml\n", result.Out);
        var text = _directory.Read("slipway.toml");
        Assert.Contains($"version = {expected}\n", text, StringComparison.Ordinal);
        var config = ConfigLoader.Load(_directory["slipway.toml"], _directory.Path, new DictionaryEnvironment(), new SecretRedactor());
        Assert.StartsWith("init-", config.Project.Name, StringComparison.Ordinal);
        if (file != "README.md")
        {
            Assert.Equal("1.0.0", Slipway.Versioning.VersionFile.Read(config.Project.Version, _directory.Path).Version.ToString());
        }
    }

    [Fact]
    public async Task Refuses_to_overwrite_without_force()
    {
        _directory.Write("slipway.toml", "# mine\n");
        var result = await CliRunner.RunAsync(_directory.Path, "init");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW1009", result.Err, StringComparison.Ordinal);
        Assert.Equal("# mine\n", _directory.Read("slipway.toml"));

        var forced = await CliRunner.RunAsync(_directory.Path, "init", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("[project]", _directory.Read("slipway.toml"), StringComparison.Ordinal);
    }
}
