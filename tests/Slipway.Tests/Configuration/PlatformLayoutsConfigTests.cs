using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Tests.Configuration;

/// <summary><c>[[image]] layouts = { "os/arch" = "path" }</c>: one layout per platform, in the order written.</summary>
public sealed class PlatformLayoutsConfigTests
{
    private const string Project = "[project]\nname = \"demo\"\nversion = { git-tag = true }\n\n[[image]]\nrepository = \"ghcr.io/acme/demo\"\n";

    private static SlipwayConfig Parse(string toml) =>
        ConfigLoader.Parse(Project + toml, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(), new SecretRedactor());

    [Fact]
    public void Layouts_are_read_per_platform_in_the_order_written()
    {
        var image = Parse("layouts = { \"linux/arm64\" = \"out/arm64\", \"linux/amd64\" = \"out/amd64\" }\n").Images.Single();
        Assert.Equal([new PlatformLayout("linux/arm64", "out/arm64"), new PlatformLayout("linux/amd64", "out/amd64")], image.PlatformLayouts);
        Assert.Equal(string.Empty, image.Layout);
    }

    [Fact]
    public void A_single_layout_has_no_platform_layouts()
    {
        var image = Parse("layout = \"artifacts/oci\"\n").Images.Single();
        Assert.Empty(image.PlatformLayouts);
        Assert.Equal("artifacts/oci", image.Layout);
    }

    [Theory]
    [InlineData("layout = \"a\"\nlayouts = { \"linux/amd64\" = \"b\" }\n", "'image[0].layouts' and 'layout' are both set")]
    [InlineData("layouts = { \"linux\" = \"b\" }\n", "'image[0].layouts.linux' names platform 'linux', which is not os/arch[/variant]")]
    [InlineData("layouts = { \"linux/amd64\" = \"\" }\n", "'image[0].layouts.linux/amd64' must not be empty")]
    [InlineData("layouts = {}\n", "'image[0].layouts' must name at least one platform")]
    [InlineData("layouts = { \"linux/amd64\" = 3 }\n", "'image[0].layouts.linux/amd64' must be a string")]
    public void Bad_layouts_are_refused(string toml, string message)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(toml));
        Assert.Equal(2, error.ExitCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
