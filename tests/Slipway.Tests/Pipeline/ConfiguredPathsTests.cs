using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Pipeline;

/// <summary>What plan and preflight check: the paths a release writes or takes the build from stay inside the repository.</summary>
public sealed class ConfiguredPathsTests : IDisposable
{
    private readonly TempDirectory _directory = new("paths");
    private readonly TempDirectory _outside = new("outside");

    public void Dispose()
    {
        _directory.Dispose();
        _outside.Dispose();
    }

    private SlipwayConfig Config(string extra)
    {
        Directory.CreateDirectory(_directory[".git"]);
        var path = _directory.Write("slipway.toml", $"""
            [project]
            name = "demo"
            version = {"{"} file = "VERSION", pattern = '^(?<version>\S+)$' {"}"}

            {extra}
            """);
        return ConfigLoader.Load(path, _directory.Path, new DictionaryEnvironment(), new SecretRedactor());
    }

    private static SlipwayException Refused(SlipwayConfig config) =>
        Assert.Throws<SlipwayException>(() => ConfiguredPaths.Check(config, new DictionaryEnvironment(), new SecretRedactor(), "1.2.3", new DateOnly(2026, 11, 26)));

    [Fact]
    public void Paths_inside_the_repository_pass()
    {
        var config = Config("""
            [changelog]
            directory = "changelog.d"
            filename = "docs/{version}/NOTES.md"
            single_file = false

            [[image]]
            repository = "registry.example.com/acme/demo"
            layout = "out/oci.tar:demo"
            """);

        ConfiguredPaths.Check(config, new DictionaryEnvironment(), new SecretRedactor(), "1.2.3", new DateOnly(2026, 11, 26));
    }

    [Fact]
    public void A_news_file_named_with_the_project_name_cannot_leave_the_repository()
    {
        var error = Refused(Config("""
            [changelog]
            directory = "changelog.d"
            name = "../../x"
            filename = "{name}-{version}.md"
            single_file = false
            """));

        Assert.Equal(ErrorCode.OutputPathOutsideRepository, error.Code);
        Assert.StartsWith("../../x-1.2.3.md (from filename in slipway.toml) leads to ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_layout_outside_the_repository_is_refused()
    {
        var error = Refused(Config("""
            [[image]]
            repository = "registry.example.com/acme/demo"
            layout = "../elsewhere/oci"
            """));

        Assert.Equal(ErrorCode.OutputPathOutsideRepository, error.Code);
        Assert.StartsWith("../elsewhere/oci (from layout of registry.example.com/acme/demo at slipway.toml:", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
    }

    [Fact]
    public void A_run_log_folder_linked_out_of_the_repository_is_refused()
    {
        Directory.CreateSymbolicLink(_directory[".slipway"], _outside.Path);

        var error = Refused(Config(string.Empty));

        Assert.Equal(ErrorCode.OutputPathOutsideRepository, error.Code);
        Assert.Equal(
            $".slipway/runs (from the run's logs) leads to {_outside["runs"]}, outside the repository {_directory.Path}: Slipway writes only inside it",
            error.Message);
    }
}
