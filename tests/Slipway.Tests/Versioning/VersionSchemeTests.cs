using Slipway.Versioning;

namespace Slipway.Tests.Versioning;

public sealed class VersionSchemeTests
{
    private static ProjectVersion Parse(IVersionScheme scheme, string text)
    {
        Assert.True(scheme.TryParse(text, out var version, out var reason), $"{text}: {reason}");
        return version;
    }

    private static string Refusal(IVersionScheme scheme, string text)
    {
        Assert.False(scheme.TryParse(text, out var version, out var reason), text);
        Assert.Null(version);
        return reason;
    }

    private static void AssertOrdered(IVersionScheme scheme, string[] ordered)
    {
        var shuffled = ordered.Reverse().Select(t => Parse(scheme, t)).ToList();
        shuffled.Sort();
        Assert.Equal(ordered, shuffled.Select(v => v.ToString()));
    }

    [Theory]
    [InlineData("26.2", "26.2", 26, 2, 0, "")]
    [InlineData("4.0.0a2", "4.0.0a2", 4, 0, 0, "a2")]
    [InlineData("1.0.0.post1", "1.0.0.post1", 1, 0, 0, "")]
    [InlineData("24.8.0.dev0", "24.8.0.dev0", 24, 8, 0, "dev0")]
    [InlineData("2!1.2.3rc1.dev4", "2!1.2.3rc1.dev4", 1, 2, 3, "rc1.dev4")]
    [InlineData("1.2.3.4.5", "1.2.3.4.5", 1, 2, 3, "")]
    [InlineData("7", "7", 7, 0, 0, "")]
    public void Pep440_parses_and_supplies_the_template_fields(string text, string normalised, int major, int minor, int patch, string prerelease)
    {
        var version = Parse(Pep440Scheme.Instance, text);
        Assert.Equal(normalised, version.ToString());
        Assert.Equal((major, minor, patch, prerelease), (version.Major, version.Minor, version.Patch, version.Prerelease));
        Assert.Equal(prerelease.Length > 0, version.IsPrerelease);
    }

    [Theory]
    [InlineData("1.0-alpha1", "1.0a1")]
    [InlineData("1.0.BETA.2", "1.0b2")]
    [InlineData("1.0c3", "1.0rc3")]
    [InlineData("1.0pre4", "1.0rc4")]
    [InlineData("1.0-preview_5", "1.0rc5")]
    [InlineData("1.0a", "1.0a0")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.0-r2", "1.0.post2")]
    [InlineData("1.0.rev", "1.0.post0")]
    [InlineData("1.0_post3", "1.0.post3")]
    [InlineData("1.0-dev", "1.0.dev0")]
    [InlineData("01.002.0030", "1.2.30")]
    [InlineData("v1.0", "1.0")]
    [InlineData("  1.0rc1\n", "1.0rc1")]
    [InlineData("0!1.0", "1.0")]
    public void Pep440_normalises_as_the_spec_says(string text, string normalised) =>
        Assert.Equal(normalised, Parse(Pep440Scheme.Instance, text).ToString());

    [Fact]
    public void Pep440_orders_dev_pre_final_and_post_releases() =>
        AssertOrdered(Pep440Scheme.Instance,
        [
            "0.9", "1.0.dev0", "1.0.dev1", "1.0a1.dev0", "1.0a1", "1.0a1.post1", "1.0a2", "1.0b1", "1.0rc1", "1.0rc2.dev0", "1.0rc2",
            "1.0", "1.0.post1.dev0", "1.0.post1", "1.0.post2", "1.1.dev0", "1.1", "1.10", "2026.1", "1!0.1",
        ]);

    [Fact]
    public void Pep440_ignores_trailing_zeros_in_the_order_and_the_brief_examples_hold()
    {
        var scheme = Pep440Scheme.Instance;
        Assert.Equal(0, Parse(scheme, "1.0").CompareTo(Parse(scheme, "1.0.0")));
        Assert.True(Parse(scheme, "1.0.0a1") < Parse(scheme, "1.0.0b1"));
        Assert.True(Parse(scheme, "1.0.0b1") < Parse(scheme, "1.0.0rc1"));
        Assert.True(Parse(scheme, "1.0.0rc1") < Parse(scheme, "1.0.0"));
        Assert.True(Parse(scheme, "1.0.0") < Parse(scheme, "1.0.0.post1"));
        Assert.False(Parse(scheme, "1.0.0.post1").IsPrerelease);
        Assert.Equal(Parse(scheme, "1.0-alpha1"), Parse(scheme, "1.0a1"));
    }

    [Theory]
    [InlineData("1.0+dev", "local version label '+dev'")]
    [InlineData("1.0.0+ubuntu.1", "local version label '+ubuntu.1'")]
    [InlineData("1.0.0-beta.x", "does not follow [N!]N(.N)*")]
    [InlineData("1.0.0.final", "does not follow")]
    [InlineData("1..0", "does not follow")]
    [InlineData("", "is empty")]
    [InlineData("99999999999.0", "number too large")]
    public void Pep440_refuses_what_pypi_refuses_naming_the_rule(string text, string reason) =>
        Assert.Contains(reason, Refusal(Pep440Scheme.Instance, text), StringComparison.Ordinal);

    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4", 1, 2, 3, "")]
    [InlineData("1.0.0-beta.1", "1.0.0-beta.1", 1, 0, 0, "beta.1")]
    [InlineData("1.2", "1.2.0", 1, 2, 0, "")]
    [InlineData("1.2.3.0", "1.2.3", 1, 2, 3, "")]
    [InlineData("01.02.03", "1.2.3", 1, 2, 3, "")]
    [InlineData("2.0.0-rc1+sha.5", "2.0.0-rc1+sha.5", 2, 0, 0, "rc1")]
    public void NuGet_parses_and_normalises(string text, string normalised, int major, int minor, int patch, string prerelease)
    {
        var version = Parse(NuGetScheme.Instance, text);
        Assert.Equal(normalised, version.ToString());
        Assert.Equal((major, minor, patch, prerelease), (version.Major, version.Minor, version.Patch, version.Prerelease));
    }

    [Fact]
    public void NuGet_orders_revisions_and_prereleases_case_insensitively()
    {
        AssertOrdered(NuGetScheme.Instance, ["1.0.0-alpha", "1.0.0-beta.1", "1.0.0-beta.2", "1.0.0-rc.1", "1.0.0", "1.0.0.1", "1.0.0.10", "1.0.1"]);
        Assert.Equal(0, Parse(NuGetScheme.Instance, "1.0.0-BETA").CompareTo(Parse(NuGetScheme.Instance, "1.0.0-beta")));
    }

    [Theory]
    [InlineData("1.2.3.4.5", "one to four numbers")]
    [InlineData("1.0.0-beta.01", "leading zero")]
    [InlineData("v1.0.0", "non-numeric part 'v1'")]
    [InlineData("1.0.0-", "empty identifier")]
    public void NuGet_refuses_what_nuget_org_refuses(string text, string reason) =>
        Assert.Contains(reason, Refusal(NuGetScheme.Instance, text), StringComparison.Ordinal);

    [Theory]
    [InlineData("YYYY.MM.MICRO", "2026.11.3", 2026, 11, 3, "")]
    [InlineData("YYYY.MM.MICRO", "2026.1.0-rc.1", 2026, 1, 0, "rc.1")]
    [InlineData("YY.MINOR", "26.2", 26, 2, 0, "")]
    [InlineData("YYYY.0M.0D", "2026.03.09", 2026, 3, 9, "")]
    [InlineData("0Y.MINOR.MICRO", "06.1.2", 6, 1, 2, "")]
    public void CalVer_parses_by_its_format(string format, string text, int major, int minor, int patch, string prerelease)
    {
        Assert.True(CalVerScheme.TryCreate(format, out var scheme, out var error), error);
        var version = Parse(scheme, text);
        Assert.Equal(text, version.ToString());
        Assert.Equal((major, minor, patch, prerelease), (version.Major, version.Minor, version.Patch, version.Prerelease));
    }

    [Theory]
    [InlineData("YYYY.MM.MICRO", "2026.13.0", "MM must be 1–12")]
    [InlineData("YYYY.MM.MICRO", "2026.03.0", "leading zero in '03'")]
    [InlineData("YYYY.0M.MICRO", "2026.3.0", "0M needs two digits")]
    [InlineData("YYYY.MM.MICRO", "26.3.0", "YYYY must be 1000–9999")]
    [InlineData("YYYY.MM.MICRO", "2026.3", "must have 3 fields YYYY.MM.MICRO")]
    [InlineData("YY.MINOR", "26.x", "MINOR needs a number")]
    public void CalVer_refuses_a_version_off_its_format(string format, string text, string reason)
    {
        Assert.True(CalVerScheme.TryCreate(format, out var scheme, out _));
        Assert.Contains(reason, Refusal(scheme, text), StringComparison.Ordinal);
    }

    [Fact]
    public void CalVer_orders_by_its_numbers_then_the_modifier()
    {
        Assert.True(CalVerScheme.TryCreate("YYYY.MM.MICRO", out var scheme, out _));
        AssertOrdered(scheme, ["2025.12.4", "2026.1.0-rc.1", "2026.1.0", "2026.1.1", "2026.2.0", "2026.11.3"]);
    }

    [Fact]
    public void CalVer_format_with_an_unknown_field_is_refused()
    {
        Assert.False(CalVerScheme.TryCreate("YYYY.MONTH", out _, out var error));
        Assert.Contains("unknown field 'MONTH'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_of_two_schemes_are_never_ordered_against_each_other() =>
        Assert.Throws<ArgumentException>(() => Parse(Pep440Scheme.Instance, "1.0").CompareTo(Parse(SemVerScheme.Instance, "1.0.0")));
}
