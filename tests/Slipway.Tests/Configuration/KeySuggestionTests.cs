using Slipway.Configuration;

namespace Slipway.Tests.Configuration;

public sealed class KeySuggestionTests
{
    [Theory]
    [InlineData("release-tag", "release-tags")]
    [InlineData("release_tags", "release-tags")]
    [InlineData("prerelease-tag", "prerelease-tags")]
    [InlineData("repo", null)]
    [InlineData("layuot", "layout")]
    public void Suggests_the_closest_known_key(string key, string? expected)
    {
        string[] known = ["repository", "layout", "prerelease-tags", "release-tags"];
        Assert.Equal(expected, KeySuggestion.Closest(key, known));
    }

    [Fact]
    public void Distance_counts_edits()
    {
        Assert.Equal(0, KeySuggestion.Distance("tag", "tag"));
        Assert.Equal(1, KeySuggestion.Distance("tag", "tags"));
        Assert.Equal(3, KeySuggestion.Distance("kitten", "sitting"));
    }
}
