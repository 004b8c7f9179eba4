using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Configuration;

/// <summary><c>[[image]] layouts</c>: one layout per platform, and every way to get it wrong, refused at load.</summary>
public sealed class PlatformLayoutsConfigTests : IDisposable
{
    private const string Project = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

        [[image]]
        repository = "127.0.0.1:5000/acme/demo"

        """;

    private readonly TempDirectory _directory = new("layouts");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Binds_one_layout_per_platform_in_order_with_platforms_lowercased()
    {
        var image = Assert.Single(Parse(Project + """layouts = { "linux/amd64" = "out/amd64", "Linux/ARM64/v8" = "out/arm64.tar:demo" }""").Images);

        Assert.Null(image.Layout);
        Assert.Equal([new PlatformLayout("linux/amd64", "out/amd64"), new PlatformLayout("linux/arm64", "out/arm64.tar:demo")], image.PlatformLayouts);
    }

    [Fact]
    public void A_single_layout_has_no_platform_layouts()
    {
        var image = Assert.Single(Parse(Project + "layout = \"out/oci\"").Images);

        Assert.Equal("out/oci", image.Layout);
        Assert.Empty(image.PlatformLayouts);
    }

    [Theory]
    [InlineData("layout = \"out/oci\"\nlayouts = { \"linux/amd64\" = \"out/amd64\" }", ErrorCode.ConfigInvalidValue, "cannot be given with 'layout'")]
    [InlineData("", ErrorCode.ConfigMissingValue, "image[0].layout")]
    [InlineData("layouts = {}", ErrorCode.ConfigInvalidValue, "at least one platform")]
    [InlineData("layouts = \"out/amd64\"", ErrorCode.ConfigWrongType, "a table")]
    [InlineData("layouts = { \"amd64\" = \"out/amd64\" }", ErrorCode.ConfigInvalidValue, "'image[0].layouts.amd64' is not a platform os/arch[/variant]")]
    [InlineData("layouts = { \"linux/amd64/v1/x\" = \"out/amd64\" }", ErrorCode.ConfigInvalidValue, "is not a platform")]
    [InlineData("layouts = { \"linux/am d64\" = \"out/amd64\" }", ErrorCode.ConfigInvalidValue, "invalid architecture")]
    [InlineData("layouts = { \"linux/amd64\" = \"out/a\", \"LINUX/AMD64\" = \"out/b\" }", ErrorCode.ConfigInvalidValue, "names platform linux/amd64 again (as 'linux/amd64')")]
    [InlineData("layouts = { \"linux/arm64\" = \"out/a\", \"linux/arm64/v8\" = \"out/b\" }", ErrorCode.ConfigInvalidValue, "names platform linux/arm64 again")]
    [InlineData("layouts = { \"linux/amd64\" = \"\" }", ErrorCode.ConfigInvalidValue, "must not be empty")]
    [InlineData("layouts = { \"linux/amd64\" = 3 }", ErrorCode.ConfigWrongType, "a string")]
    [InlineData("layouts = { \"linux/amd64\" = \"../elsewhere\" }", ErrorCode.OutputPathOutsideRepository, "../elsewhere (from image[0].layouts.linux/amd64 at slipway.toml")]
    [InlineData("layouts = { \"linux/amd64\" = \"/etc/oci\" }", ErrorCode.OutputPathOutsideRepository, "outside the repository")]
    public void Refuses_bad_layouts_at_load_as_bad_input(string body, ErrorCode code, string reason)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(Project + body + "\n"));

        Assert.Equal(code, error.Code);
        Assert.Equal(ErrorKind.Input, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_layout_path_through_a_link_that_leaves_the_repository_is_refused()
    {
        using var outside = new TempDirectory("outside");
        Directory.CreateDirectory(_directory["out"]);
        File.CreateSymbolicLink(_directory["out/amd64"], outside.Path);

        var error = Assert.Throws<SlipwayException>(() => Parse(Project + "layouts = { \"linux/amd64\" = \"out/amd64\" }\n"));

        Assert.Equal(ErrorCode.OutputPathOutsideRepository, error.Code);
        Assert.Contains(outside.Path, error.Message, StringComparison.Ordinal);
    }

    private SlipwayConfig Parse(string text)
    {
        Directory.CreateDirectory(_directory[".git"]);
        return ConfigLoader.Parse(text, _directory["slipway.toml"], _directory.Path, new DictionaryEnvironment(), new SecretRedactor());
    }
}
