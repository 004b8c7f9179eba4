using Slipway.Versioning;

namespace Slipway.Tests.Versioning;

public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData("0.0.0")]
    [InlineData("1.2.3")]
    [InlineData("10.20.30")]
    [InlineData("1.0.0-alpha")]
    [InlineData("1.0.0-alpha.1")]
    [InlineData("1.0.0-0.3.7")]
    [InlineData("1.0.0-x.7.z.92")]
    [InlineData("1.0.0-x-y-z.--")]
    [InlineData("1.0.0+20130313144700")]
    [InlineData("1.0.0-beta+exp.sha.5114f85")]
    [InlineData("1.0.0+21AF26D3----117B344092BD")]
    [InlineData("2.0.0-rc.1+build.01")]
    public void Parses_valid_versions_and_round_trips_them(string text)
    {
        Assert.True(SemanticVersion.TryParse(text, out var version, out var error), error);
        Assert.Equal(text, version.ToString());
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("v1.2.3", "starts with 'v'")]
    [InlineData("1.2", "three numbers")]
    [InlineData("1.2.3.4", "three numbers")]
    [InlineData("01.2.3", "leading zero")]
    [InlineData("1.02.3", "leading zero")]
    [InlineData("1.2.03", "leading zero")]
    [InlineData("1.2.3-01", "leading zero")]
    [InlineData("1.2.3-", "empty identifier")]
    [InlineData("1.2.3-alpha..1", "empty identifier")]
    [InlineData("1.2.3+", "empty identifier")]
    [InlineData("1.2.3-al_pha", "may only hold")]
    [InlineData("1.2.x", "non-numeric")]
    [InlineData(" 1.2.3", "non-numeric")]
    [InlineData("1.2.3 ", "non-numeric")]
    [InlineData("99999999999.0.0", "too large")]
    public void Rejects_invalid_versions_with_the_reason(string text, string reason)
    {
        Assert.False(SemanticVersion.TryParse(text, out var version, out var error));
        Assert.Null(version);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Orders_by_precedence_as_semver_section_11_lists()
    {
        string[] ordered =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "2.1.0", "2.1.1", "10.0.0",
        ];
        var shuffled = ordered.Reverse().Select(SemanticVersion.Parse).ToList();
        shuffled.Sort();
        Assert.Equal(ordered, shuffled.Select(v => v.ToString()));
    }

    [Fact]
    public void Build_metadata_does_not_count_for_precedence()
    {
        Assert.Equal(0, SemanticVersion.Parse("1.0.0+a").CompareTo(SemanticVersion.Parse("1.0.0+b")));
        Assert.True(SemanticVersion.Parse("1.0.0-rc.1") < SemanticVersion.Parse("1.0.0"));
        Assert.True(SemanticVersion.Parse("1.0.0-rc.1").IsPrerelease);
        Assert.False(SemanticVersion.Parse("1.0.0+build").IsPrerelease);
    }
}
