using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Tests.Signing;

public sealed class SigningConfigTests
{
    private const string Project = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '(?<version>.+)' }

        """;

    [Fact]
    public void Signing_key_and_sbom_settings_are_read()
    {
        var config = Parse("""
            [signing]
            key = "env:SLIPWAY_SIGNING_KEY"

            [sbom]
            command = "syft {image}@{digest} --platform {platform} -o spdx-json"
            min-packages = 10
            previous-percent = 90
            floor-cap = 500
            """);

        Assert.Equal("env:SLIPWAY_SIGNING_KEY", config.Signing.Key);
        Assert.Equal("syft {image}@{digest} --platform {platform} -o spdx-json", config.Sbom.Command);
        Assert.Equal(450, config.Sbom.Floor(500).Minimum);
        Assert.Equal(500, config.Sbom.Floor(10_000).Minimum);
        Assert.Equal(10, config.Sbom.Floor(null).Minimum);
    }

    [Fact]
    public void The_published_public_key_is_read_for_the_release_notes()
    {
        var config = Parse("[signing]\nkey = \"k.key\"\npublic-key = \"https://example.com/release.pub\"");

        Assert.Equal("https://example.com/release.pub", config.Signing.PublicKey);
    }

    [Fact]
    public void Defaults_apply_when_the_sections_are_absent()
    {
        var config = Parse(string.Empty);

        Assert.Null(config.Signing.Key);
        Assert.Null(config.Sbom.Command);
        Assert.Equal(80, config.Sbom.Floor(100).Minimum);
        Assert.Equal(50, config.Sbom.Floor(null).Minimum);
    }

    [Theory]
    [InlineData("[sbom]\nmin-pakages = 3", ErrorCode.ConfigUnknownKey, "did you mean 'min-packages'")]
    [InlineData("[sbom]\nprevious-percent = 150", ErrorCode.ConfigInvalidValue, "between 0 and 100")]
    [InlineData("[signing]\nkey = \"\"", ErrorCode.ConfigInvalidValue, "must not be empty")]
    [InlineData("[signing]\nkey = \"k.key\"\npublic-key = \"my key.pub\"", ErrorCode.ConfigInvalidValue, "without spaces")]
    [InlineData("[signing]\nmode = \"keyless\"\npublic-key = \"https://example.com/k.pub\"", ErrorCode.ConfigInvalidValue, "verified by identity")]
    public void Bad_settings_are_reported_with_their_location(string toml, ErrorCode code, string message)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(toml));

        Assert.Equal(code, error.Code);
        Assert.Contains("slipway.toml:", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static SlipwayConfig Parse(string toml) =>
        ConfigLoader.Parse(Project + toml, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());
}
