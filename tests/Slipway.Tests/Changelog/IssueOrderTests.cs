using Slipway.Changelog;

namespace Slipway.Tests.Changelog;

public sealed class IssueOrderTests
{
    [Fact]
    public void Orders_issues_as_towncrier_24_8_does()
    {
        // The example of towncrier's issue_key docstring.
        string[] issues = ["2", "#11", "#3", "gh-10", "gh-4", "omega", "alpha"];

        var sorted = issues.OrderBy(IssueKey.Of).ToList();

        Assert.Equal(["alpha", "omega", "#3", "#11", "gh-4", "gh-10", "2"], sorted);
    }

    [Fact]
    public void Compares_numbers_of_any_length_by_value()
    {
        Assert.True(IssueKey.Of("99999999999999999999") > IssueKey.Of("100"));
        Assert.True(IssueKey.Of("9") < IssueKey.Of("10"));
    }

    [Fact]
    public void Orders_text_by_code_point_as_python_does()
    {
        // U+1D518 sorts after U+FB01 in Python; UTF-16 ordinal order would put its surrogates first.
        Assert.True(IssueKey.Of("\U0001D518") > IssueKey.Of("\uFB01"));
    }
}
