using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;
using Slipway.Versioning;

namespace Slipway.Tests.Versioning;

public sealed class VersionFileTests : IDisposable
{
    private static readonly SourceLocation At = new("slipway.toml", 3, 1);
    private readonly TempDirectory _directory = new("version");

    public void Dispose() => _directory.Dispose();

    private VersionReading Read(VersionSourceSpec spec) => VersionFile.Read(spec, _directory.Path);

    private SlipwayException Fails(VersionSourceSpec spec, ErrorCode code)
    {
        var error = Assert.Throws<SlipwayException>(() => Read(spec));
        Assert.Equal(code, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        return error;
    }

    [Fact]
    public void Pattern_reads_a_python_version_file()
    {
        _directory.Write("src/demo/__version__.py", "# generated\n__version__ = \"1.4.0rc1\"\n");
        var reading = Read(new VersionSourceSpec.FilePattern("src/demo/__version__.py", "__version__ = \"(?<version>[^\"]+)\"", At));
        Assert.Equal("1.4.0rc1", reading.Version.ToString());
        Assert.Equal("src/demo/__version__.py", reading.Source);
    }

    [Fact]
    public void Pattern_accepts_repeated_matches_that_agree()
    {
        _directory.Write("VERSION", "2.0.0\n");
        _directory.Write("versions.txt", "app=2.0.0\nlib=2.0.0\n");
        var reading = Read(new VersionSourceSpec.FilePattern("versions.txt", "=(?<version>\\S+)$", At));
        Assert.Equal("2.0.0", reading.Version.ToString());
    }

    [Fact]
    public void Pattern_matches_that_disagree_are_an_error()
    {
        _directory.Write("versions.txt", "app=2.0.0\nlib=2.0.1\n");
        var error = Fails(new VersionSourceSpec.FilePattern("versions.txt", "=(?<version>\\S+)$", At), ErrorCode.VersionAmbiguous);
        Assert.Equal("versions.txt: the version is given several times and the values disagree: '2.0.0', '2.0.1'", error.Message);
    }

    [Fact]
    public void Pattern_that_matches_nothing_is_an_error()
    {
        _directory.Write("VERSION", "nothing here\n");
        var error = Fails(new VersionSourceSpec.FilePattern("VERSION", "^version: (?<version>\\S+)$", At), ErrorCode.VersionNotFound);
        Assert.Contains("matches nothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pattern_without_a_version_group_is_an_error()
    {
        _directory.Write("VERSION", "1.2.3\n");
        Fails(new VersionSourceSpec.FilePattern("VERSION", "^(\\S+)$", At), ErrorCode.VersionPatternInvalid);
    }

    [Fact]
    public void Missing_file_is_an_error_naming_it()
    {
        var error = Fails(new VersionSourceSpec.FilePattern("VERSION", "^(?<version>\\S+)$", At), ErrorCode.VersionFileMissing);
        Assert.Equal("VERSION: version file not found", error.Message);
    }

    [Theory]
    [InlineData("v1.2.3", "starts with 'v'")]
    [InlineData("1.2", "three numbers")]
    [InlineData("01.2.3", "leading zero")]
    public void Version_that_is_not_semver_names_the_file_and_value(string value, string reason)
    {
        _directory.Write("VERSION", value + "\n");
        var error = Fails(new VersionSourceSpec.FilePattern("VERSION", "^(?<version>\\S+)$", At), ErrorCode.VersionNotSemVer);
        Assert.StartsWith($"VERSION: version '{value}' is not SemVer 2.0: it ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_version_is_not_semver()
    {
        _directory.Write("VERSION", "version=\n");
        var error = Fails(new VersionSourceSpec.FilePattern("VERSION", "^version=(?<version>.*)$", At), ErrorCode.VersionNotSemVer);
        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MSBuild_reads_version()
    {
        _directory.Write("Directory.Build.props", "<Project><PropertyGroup><Version>3.1.0</Version></PropertyGroup></Project>");
        Assert.Equal("3.1.0", Read(new VersionSourceSpec.MSBuild("Directory.Build.props", At)).Version.ToString());
    }

    [Fact]
    public void MSBuild_combines_prefix_and_suffix()
    {
        _directory.Write("Directory.Build.props", """
            <Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <PropertyGroup>
                <VersionPrefix>3.1.0</VersionPrefix>
                <VersionSuffix>beta.2</VersionSuffix>
              </PropertyGroup>
            </Project>
            """);
        Assert.Equal("3.1.0-beta.2", Read(new VersionSourceSpec.MSBuild("Directory.Build.props", At)).Version.ToString());
    }

    [Fact]
    public void MSBuild_prefix_alone_is_the_version()
    {
        _directory.Write("Directory.Build.props", "<Project><PropertyGroup><VersionPrefix>3.1.0</VersionPrefix></PropertyGroup></Project>");
        Assert.Equal("3.1.0", Read(new VersionSourceSpec.MSBuild("Directory.Build.props", At)).Version.ToString());
    }

    [Fact]
    public void MSBuild_property_reference_is_refused()
    {
        _directory.Write("Directory.Build.props", "<Project><PropertyGroup><Version>$(Major).0.0</Version></PropertyGroup></Project>");
        var error = Fails(new VersionSourceSpec.MSBuild("Directory.Build.props", At), ErrorCode.VersionNotFound);
        Assert.Contains("MSBuild property", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MSBuild_without_version_is_an_error()
    {
        _directory.Write("Directory.Build.props", "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>");
        Fails(new VersionSourceSpec.MSBuild("Directory.Build.props", At), ErrorCode.VersionNotFound);
    }

    [Fact]
    public void Json_reads_package_json()
    {
        _directory.Write("package.json", "{ \"name\": \"demo\", \"version\": \"0.9.1\", \"dependencies\": { \"x\": { \"version\": \"9.9.9\" } } }");
        Assert.Equal("0.9.1", Read(new VersionSourceSpec.Json("package.json", At)).Version.ToString());
    }

    [Fact]
    public void Json_without_version_is_an_error()
    {
        _directory.Write("package.json", "{ \"name\": \"demo\" }");
        Fails(new VersionSourceSpec.Json("package.json", At), ErrorCode.VersionNotFound);
    }

    [Theory]
    [InlineData("[project]\nname = \"demo\"\nversion = \"1.0.0\"\n", "1.0.0")]
    [InlineData("[tool.poetry]\nname = \"demo\"\nversion = \"1.1.0\"\n", "1.1.0")]
    [InlineData("[package]\nname = \"demo\"\nversion = \"1.2.0\"\nedition = \"2021\"\n", "1.2.0")]
    public void Toml_reads_pyproject_poetry_and_cargo(string content, string expected)
    {
        _directory.Write("project.toml", content);
        Assert.Equal(expected, Read(new VersionSourceSpec.Toml("project.toml", At)).Version.ToString());
    }

    [Fact]
    public void Toml_dynamic_version_explains_what_to_do()
    {
        _directory.Write("pyproject.toml", "[project]\nname = \"demo\"\ndynamic = [\"version\"]\n");
        var error = Fails(new VersionSourceSpec.Toml("pyproject.toml", At), ErrorCode.VersionNotFound);
        Assert.Contains("dynamic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Toml_syntax_error_names_the_position()
    {
        _directory.Write("pyproject.toml", "[project\nversion = \"1.0.0\"\n");
        var error = Fails(new VersionSourceSpec.Toml("pyproject.toml", At), ErrorCode.VersionNotFound);
        Assert.StartsWith("pyproject.toml: cannot read the version: not valid TOML at 1:9: Expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_file_linked_out_of_the_project_is_refused()
    {
        using var outside = new TempDirectory("outside");
        var target = outside.Write("VERSION", "9.9.9\n");
        File.CreateSymbolicLink(_directory["VERSION"], target);

        var error = Fails(new VersionSourceSpec.FilePattern("VERSION", "^(?<version>\\S+)$", At), ErrorCode.FileOutsideRepository);

        Assert.Equal($"VERSION leads to {target}, outside the project folder {_directory.Path}", error.Message);
    }

    [Fact]
    public void A_version_file_linked_inside_the_project_is_read()
    {
        _directory.Write("src/Directory.Build.props", "<Project><PropertyGroup><Version>2.1.0</Version></PropertyGroup></Project>\n");
        File.CreateSymbolicLink(_directory["Directory.Build.props"], "src/Directory.Build.props");

        Assert.Equal("2.1.0", Read(new VersionSourceSpec.MSBuild("Directory.Build.props", At)).Version.ToString());
    }

    [Fact]
    public void An_oversized_version_file_is_refused()
    {
        using (var stream = File.Create(_directory["package.json"]))
        {
            stream.SetLength(64L * 1024 * 1024);
        }

        var error = Fails(new VersionSourceSpec.Json("package.json", At), ErrorCode.FileTooLarge);

        Assert.Equal("package.json holds more than 1 MiB, the most Slipway reads from it", error.Message);
    }
}
