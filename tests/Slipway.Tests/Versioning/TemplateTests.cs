using Slipway.Versioning;

namespace Slipway.Tests.Versioning;

public sealed class TemplateTests
{
    private static readonly TemplateFields Fields = new(SemanticVersion.Parse("1.2.3-rc.1"), "0123456789abcdef0123456789abcdef01234567");

    [Theory]
    [InlineData("{version}", "1.2.3-rc.1")]
    [InlineData("{major}.{minor}", "1.2")]
    [InlineData("{major}", "1")]
    [InlineData("{patch}", "3")]
    [InlineData("{prerelease}", "rc.1")]
    [InlineData("prerelease-v{version}-{sha7}", "prerelease-v1.2.3-rc.1-0123456")]
    [InlineData("{sha}", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("latest", "latest")]
    public void Renders_every_field(string text, string expected)
    {
        Assert.True(Template.TryParse(text, out var template, out var error), error);
        Assert.Equal(expected, template.Render(Fields));
    }

    [Theory]
    [InlineData("{versoin}", "unknown field '{versoin}'")]
    [InlineData("v{version", "unclosed")]
    [InlineData("v}version", "unmatched")]
    public void Rejects_malformed_templates(string text, string reason)
    {
        Assert.False(Template.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("release-{major}", "must contain {version}")]
    [InlineData("v1", "must contain {version}")]
    [InlineData("v{version}-{sha7}", "only {version}")]
    public void Tag_template_needs_exactly_the_version(string text, string reason)
    {
        Assert.False(TagTemplate.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v{version}", "v1.2.3", "1.2.3")]
    [InlineData("v{version}", "v1.2.3-rc.1", "1.2.3-rc.1")]
    [InlineData("v{version}", "1.2.3", null)]
    [InlineData("v{version}", "v1.2", null)]
    [InlineData("v{version}", "vnext", null)]
    [InlineData("demo@{version}", "demo@2.0.0", "2.0.0")]
    [InlineData("{version}-final", "2.0.0-final", "2.0.0")]
    [InlineData("{version}", "2.0.0", "2.0.0")]
    public void Tag_template_matches_tags_back_to_versions(string template, string tag, string? expected)
    {
        Assert.True(TagTemplate.TryParse(template, out var parsed, out _));
        Assert.Equal(expected, parsed.Match(tag, SemVerScheme.Instance)?.ToString());
        if (expected is not null)
        {
            Assert.Equal(tag, parsed.Render(SemanticVersion.Parse(expected)));
        }
    }
}
