using Slipway.Pipeline.Images;
using Slipway.Versioning;

namespace Slipway.Tests.Pipeline.Images;

public sealed class FloatingTagPolicyTests
{
    private static readonly SemanticVersion[] Released = [.. new[] { "1.1.0", "1.2.0", "1.2.1", "2.0.0", "2.1.0", "3.0.0-rc.1" }.Select(SemanticVersion.Parse)];

    private static TagDecision Decide(string template, string version)
    {
        Assert.True(Template.TryParse(template, out var parsed, out var error), error);
        return FloatingTagPolicy.Decide(parsed, SemanticVersion.Parse(version), Released);
    }

    [Theory]
    [InlineData("latest", "2.1.1", true)]
    [InlineData("latest", "1.2.2", false)]
    [InlineData("{major}.{minor}", "1.2.2", true)]
    [InlineData("{major}.{minor}", "1.1.5", true)]
    [InlineData("{major}.{minor}", "2.0.1", true)]
    [InlineData("{major}.{minor}", "1.2.0", false)]
    [InlineData("{major}", "1.2.2", true)]
    [InlineData("{major}", "2.0.1", false)]
    [InlineData("{version}", "1.0.1", true)]
    [InlineData("v{major}.{minor}.{patch}", "1.0.1", true)]
    [InlineData("latest", "2.1.0", true)]
    public void A_floating_tag_moves_only_to_the_highest_release_of_its_scope(string template, string version, bool moves) =>
        Assert.Equal(moves, Decide(template, version).Moves);

    [Fact]
    public void A_hotfix_on_an_older_line_says_which_release_keeps_latest()
    {
        var decision = Decide("latest", "1.2.2");

        Assert.Equal("2.1.0 is a higher release in all releases", decision.Reason);
    }

    [Fact]
    public void A_prerelease_never_moves_a_floating_tag_but_names_itself()
    {
        Assert.False(Decide("latest", "4.0.0-rc.1").Moves);
        Assert.False(Decide("{major}.{minor}", "4.0.0-rc.1").Moves);
        Assert.True(Decide("{version}", "4.0.0-rc.1").Moves);
    }

    [Fact]
    public void A_released_prerelease_does_not_hold_back_a_stable_release()
    {
        Assert.True(Decide("latest", "2.2.0").Moves);
    }

    private static TagDecision DecidePep440(string template, string version, params string[] released)
    {
        Assert.True(Template.TryParse(template, out var parsed, out var error), error);
        ProjectVersion Parse(string text) => Pep440Scheme.Instance.TryParse(text, out var v, out var reason) ? v : throw new FormatException(reason);
        return FloatingTagPolicy.Decide(parsed, Parse(version), released.Select(Parse));
    }

    [Theory]
    [InlineData("latest", "4.0.0a2")]
    [InlineData("latest", "4.0.0rc1")]
    [InlineData("{major}.{minor}", "4.0.0b1")]
    [InlineData("{major}", "24.8.0.dev0")]
    public void A_pep440_prerelease_never_moves_a_floating_tag(string template, string version)
    {
        var decision = DecidePep440(template, version, "3.9.0");
        Assert.False(decision.Moves);
        Assert.Equal($"{version} is a prerelease; floating tags name stable releases only", decision.Reason);
    }

    [Fact]
    public void A_pep440_post_release_is_higher_than_its_release_and_moves_latest()
    {
        Assert.True(DecidePep440("latest", "1.0.0.post1", "1.0.0", "0.9").Moves);
        Assert.True(DecidePep440("{major}.{minor}", "1.0.post1", "1.0.0").Moves);
        var held = DecidePep440("latest", "1.0.0", "1.0.0.post1");
        Assert.False(held.Moves);
        Assert.Equal("1.0.0.post1 is a higher release in all releases", held.Reason);
    }

    [Fact]
    public void Released_pep440_prereleases_do_not_hold_back_a_stable_release()
    {
        Assert.True(DecidePep440("latest", "26.2", "26.1", "27.0rc1", "27.0.dev3").Moves);
        Assert.False(DecidePep440("latest", "26.2", "26.10").Moves);
    }
}
