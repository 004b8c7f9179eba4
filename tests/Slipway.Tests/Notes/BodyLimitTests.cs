using Slipway.Notes;

namespace Slipway.Tests.Notes;

public sealed class BodyLimitTests
{
    [Fact]
    public void A_body_within_the_limit_is_untouched()
    {
        var (body, truncated) = BodyLimit.Apply("## Notes\n\n- one\n", 1000);

        Assert.False(truncated);
        Assert.Equal("## Notes\n\n- one\n", body);
    }

    [Fact]
    public void A_body_over_the_limit_is_cut_at_a_line_with_a_visible_note()
    {
        var lines = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"- change number {i} (#{i})\n"));

        var (body, truncated) = BodyLimit.Apply(lines, BodyLimit.GitHub);

        Assert.True(truncated);
        Assert.True(body.Length <= BodyLimit.GitHub, $"{body.Length} characters");
        Assert.StartsWith("- change number 0 (#0)\n", body, StringComparison.Ordinal);
        Assert.Contains("These notes were cut to fit the release page's limit of 125,000 characters", body, StringComparison.Ordinal);
        var kept = body[..body.IndexOf("\n\n---", StringComparison.Ordinal)];
        Assert.All(kept.Split('\n'), line => Assert.Matches(@"^- change number \d+ \(#\d+\)$", line));
    }

    [Fact]
    public void The_limit_is_the_forges()
    {
        Assert.Equal(125_000, BodyLimit.For("github"));
        Assert.Equal(BodyLimit.Git, BodyLimit.For("git"));
    }
}
