using Slipway.Changelog;

namespace Slipway.Tests.Changelog;

public sealed class FragmentNameTests
{
    private static readonly string[] Types = ["feature", "bugfix", "doc", "removal", "misc"];

    [Theory]
    [InlineData("123.feature.md", "123", "feature", 0)]
    [InlineData("123.feature", "123", "feature", 0)]
    [InlineData("123.feature.2.md", "123", "feature", 2)]
    [InlineData("045.bugfix.md", "45", "bugfix", 0)]
    [InlineData("000.bugfix.md", "0", "bugfix", 0)]
    [InlineData("fix-1.2.3.feature.md", "fix-1.2.3", "feature", 0)]
    [InlineData("gh-12.doc.rst", "gh-12", "doc", 0)]
    [InlineData("+orphan.misc.md", "+orphan", "misc", 0)]
    [InlineData("12.feature.bugfix.md", "12.feature", "bugfix", 0)]
    [InlineData("٤٢.feature.md", "42", "feature", 0)]
    public void Parses_as_towncrier_does(string basename, string issue, string category, int counter)
    {
        Assert.True(FragmentName.TryParse(basename, Types, out var name, out var problem), problem?.Reason);
        Assert.Equal(new FragmentName(issue, category, counter), name);
    }

    [Theory]
    [InlineData("12.feat.md", "feat")]
    [InlineData("12.3.fix.md", "fix")]
    [InlineData("feature", null)]
    [InlineData("feature.md", "md")]
    public void Refuses_a_name_without_a_known_category(string basename, string? guessed)
    {
        Assert.False(FragmentName.TryParse(basename, Types, out _, out var problem));
        Assert.Equal(guessed, problem!.UnknownCategory);
    }
}
