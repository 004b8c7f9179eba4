using Slipway.Diagnostics;
using Slipway.Versioning;

namespace Slipway.Tests.Versioning;

/// <summary>The bump rules of each scheme, as the README's table states them.</summary>
public sealed class VersionIncrementTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static IVersionScheme Scheme(string name, string? format = null)
    {
        Assert.True(VersionSchemes.TryGet(name, format, out var scheme, out var error), error);
        return scheme;
    }

    private static string Bump(string scheme, string current, string what, string? preId = null, string? format = null, DateOnly? today = null)
    {
        var s = Scheme(scheme, format);
        Assert.True(s.TryParse(current, out var version, out var reason), reason);
        Assert.True(VersionBump.TryParse(what, preId, out var bump, out var error), error);
        return VersionIncrement.Next(s, version, bump, today ?? Today).ToString();
    }

    private static SlipwayException Refused(string scheme, string current, string what, string? preId = null, string? format = null)
    {
        var e = Assert.Throws<SlipwayException>(() => Bump(scheme, current, what, preId, format));
        Assert.Equal(ExitCodes.InvalidInput, e.ExitCode);
        return e;
    }

    [Theory]
    [InlineData("1.2.3", "major", null, "2.0.0")]
    [InlineData("1.2.3", "minor", null, "1.3.0")]
    [InlineData("1.2.3", "patch", null, "1.2.4")]
    [InlineData("1.2.3+build.5", "patch", null, "1.2.4")]
    [InlineData("1.2.0", "pre", "beta", "1.2.1-beta.1")]
    [InlineData("1.2.0", "pre", null, "1.2.1-rc.1")]
    [InlineData("1.2.1-beta.1", "pre", "beta", "1.2.1-beta.2")]
    [InlineData("1.2.1-beta.2", "pre", "rc", "1.2.1-rc.1")]
    [InlineData("1.2.1-rc.2", "release", null, "1.2.1")]
    [InlineData("2.0.0-rc.1", "major", null, "2.0.0")]
    [InlineData("1.3.0-rc.1", "minor", null, "1.3.0")]
    [InlineData("1.3.0-rc.1", "major", null, "2.0.0")]
    [InlineData("1.2.4-rc.1", "patch", null, "1.2.4")]
    [InlineData("1.2.3", "1.10.0", null, "1.10.0")]
    public void Semver(string current, string what, string? preId, string expected) =>
        Assert.Equal(expected, Bump("semver", current, what, preId));

    [Theory]
    [InlineData("1.2.3.4", "revision", "1.2.3.5")]
    [InlineData("1.2.3.4", "patch", "1.2.4")]
    [InlineData("1.2.3.4", "pre", "1.2.3.5-rc.1")]
    [InlineData("1.2", "minor", "1.3.0")]
    [InlineData("1.0.0-beta.1", "pre", "1.0.0-rc.1")]
    [InlineData("1.0.0-beta.1", "release", "1.0.0")]
    [InlineData("1.2.3", "1.2.3.1", "1.2.3.1")]
    public void Nuget(string current, string what, string expected) =>
        Assert.Equal(expected, Bump("nuget", current, what));

    [Theory]
    [InlineData("1.2.0", "pre", null, "1.2.1rc1")]
    [InlineData("1.2.1rc1", "pre", null, "1.2.1rc2")]
    [InlineData("1.2.1rc2", "release", null, "1.2.1")]
    [InlineData("1.2.1a1", "pre", "b", "1.2.1b1")]
    [InlineData("1.2.1a1", "pre", "beta", "1.2.1b1")]
    [InlineData("1.2.1.dev3", "pre", null, "1.2.1rc1")]
    [InlineData("1.2.1.dev3", "pre", "dev", "1.2.1.dev4")]
    [InlineData("1.2.1.dev3", "release", null, "1.2.1")]
    [InlineData("1.2.0", "pre", "dev", "1.2.1.dev0")]
    [InlineData("1.2.1rc1", "pre", "dev", "1.2.1rc2.dev0")]
    [InlineData("1.2.1rc1.dev3", "pre", null, "1.2.1rc1")]
    [InlineData("1.2.1rc1.dev3", "release", null, "1.2.1")]
    [InlineData("1.0.post1.dev0", "release", null, "1.0.post1")]
    [InlineData("1.2.0.post1", "patch", null, "1.2.1")]
    [InlineData("1.2.0.post1", "pre", null, "1.2.1rc1")]
    [InlineData("26.2", "minor", null, "26.3")]
    [InlineData("26.2", "patch", null, "26.2.1")]
    [InlineData("26.2", "major", null, "27.0")]
    [InlineData("4.0.0a2", "major", null, "4.0.0")]
    [InlineData("4.0.0a2", "minor", null, "4.0.0")]
    [InlineData("4.1.0a2", "major", null, "5.0.0")]
    [InlineData("1!2.0", "patch", null, "1!2.0.1")]
    [InlineData("1.2.0", "1.2.0.post1", null, "1.2.0.post1")]
    public void Pep440(string current, string what, string? preId, string expected) =>
        Assert.Equal(expected, Bump("pep440", current, what, preId));

    [Theory]
    [InlineData("2026.11.3", "patch", "2026.12.0")]
    [InlineData("2026.12.0", "patch", "2026.12.1")]
    [InlineData("2026.12.0", "major", "2026.12.1")]
    [InlineData("2026.12.0", "pre", "2026.12.1-rc.1")]
    [InlineData("2026.12.1-rc.1", "pre", "2026.12.1-rc.2")]
    [InlineData("2026.12.1-rc.1", "release", "2026.12.1")]
    [InlineData("2026.12.1-rc.1", "patch", "2026.12.1")]
    public void Calver_takes_todays_date_and_counts_releases_within_it(string current, string what, string expected) =>
        Assert.Equal(expected, Bump("calver", current, what));

    [Fact]
    public void Calver_pads_fields_the_format_pads_and_resets_counters_in_a_new_period()
    {
        Assert.Equal("26.03.0", Bump("calver", "25.11.4", "patch", format: "YY.0M.MICRO", today: new DateOnly(2026, 3, 9)));
        Assert.Equal("2026.1.1.0", Bump("calver", "2026.1.0.7", "minor", format: "YYYY.MAJOR.MINOR.MICRO", today: new DateOnly(2026, 3, 9)));
    }

    [Fact]
    public void Calver_without_a_counter_cannot_bump_twice_in_one_period() =>
        Assert.Equal(ErrorCode.BumpNotApplicable, Refused("calver", "2026.12.01", "patch", format: "YYYY.MM.0D").Code);

    [Theory]
    [InlineData("semver", "1.2.3", "1.2.3")]
    [InlineData("semver", "1.2.3", "1.2.2")]
    [InlineData("semver", "1.2.3-rc.1", "1.2.3-beta.1")]
    [InlineData("pep440", "1.2.1rc1", "1.2.1a1")]
    [InlineData("pep440", "1.2.0", "1.2")]
    public void A_version_not_greater_than_the_current_is_refused(string scheme, string current, string what) =>
        Assert.Equal(ErrorCode.BumpNotGreater, Refused(scheme, current, what).Code);

    [Fact]
    public void Pre_with_a_label_that_goes_back_is_refused() =>
        Assert.Equal(ErrorCode.BumpNotGreater, Refused("pep440", "1.2.1rc1", "pre", "a").Code);

    [Theory]
    [InlineData("semver", "1.2.3", "release")]
    [InlineData("pep440", "1.2.0.post1", "release")]
    [InlineData("semver", "1.2.3", "revision")]
    public void A_bump_the_version_has_no_room_for_is_refused(string scheme, string current, string what) =>
        Assert.Equal(ErrorCode.BumpNotApplicable, Refused(scheme, current, what).Code);

    [Theory]
    [InlineData("semver", "1.2.3", "2.0.0-01", ErrorCode.VersionNotSemVer)]
    [InlineData("semver", "1.2.3", "01.3.0", ErrorCode.VersionNotSemVer)]
    [InlineData("pep440", "1.2.0", "1.3.0+local", ErrorCode.VersionRefusedByScheme)]
    [InlineData("calver", "2026.11.0", "2026.13.0", ErrorCode.VersionRefusedByScheme)]
    public void A_version_the_scheme_refuses_is_refused_with_its_rule(string scheme, string current, string what, ErrorCode code) =>
        Assert.Equal(code, Refused(scheme, current, what).Code);

    [Theory]
    [InlineData("next", null)]
    [InlineData("patch", "rc")]
    [InlineData("pre", "1")]
    [InlineData("pre", "r c")]
    public void A_bump_that_names_nothing_is_refused(string what, string? preId) =>
        Assert.False(VersionBump.TryParse(what, preId, out _, out _));
}
