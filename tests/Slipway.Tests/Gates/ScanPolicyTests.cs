using Slipway.Diagnostics;
using Slipway.Gates;

namespace Slipway.Tests.Gates;

public sealed class ScanPolicyTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly VulnerabilityReport Report = VulnerabilityReportParser.Parse(VulnerabilityReportParserTests.Trivy, "scan");

    [Fact]
    public void Critical_and_high_block_by_default()
    {
        var verdict = ScanPolicy.Default.Judge([Report], Today);
        Assert.False(verdict.Passed);
        Assert.Equal(["CVE-2024-0001", "CVE-2024-0002"], verdict.Blocking.Select(f => f.Id));
        Assert.Equal("1 critical, 1 high, 0 medium, 1 low, 0 unknown; 2 blocking (CVE-2024-0001 in libssl3, CVE-2024-0002 in zlib1g)", verdict.Summary());
    }

    [Fact]
    public void Ignore_unfixed_lets_through_what_no_one_can_fix_yet()
    {
        var verdict = (ScanPolicy.Default with { IgnoreUnfixed = true }).Judge([Report], Today);
        Assert.Equal(["CVE-2024-0001"], verdict.Blocking.Select(f => f.Id));
        Assert.Equal(["CVE-2024-0002"], verdict.Ignored.Select(f => f.Id));
    }

    [Fact]
    public void Ignore_file_entries_apply_until_they_expire()
    {
        var ignore = IgnoreList.Parse("# accepted risks\nCVE-2024-0001 exp:2026-11-26\nCVE-2024-0002 exp:2026-11-25  # lapsed\n\n", ".trivyignore");
        var verdict = (ScanPolicy.Default with { Ignored = ignore }).Judge([Report], Today);
        Assert.Equal(["CVE-2024-0002"], verdict.Blocking.Select(f => f.Id));
        Assert.Equal(["CVE-2024-0001"], verdict.Ignored.Select(f => f.Id));
    }

    [Fact]
    public void Fail_on_chooses_the_severities()
    {
        var policy = ScanPolicy.Default with { FailOn = new HashSet<Severity> { Severity.Low } };
        Assert.Equal(["CVE-2024-0003"], policy.Judge([Report], Today).Blocking.Select(f => f.Id));
        var none = ScanPolicy.Default with { FailOn = new HashSet<Severity>() };
        Assert.True(none.Judge([Report], Today).Passed);
    }

    [Fact]
    public void Same_finding_on_several_platforms_counts_once()
    {
        var verdict = ScanPolicy.Default.Judge([Report, Report, Report], Today);
        Assert.Equal(2, verdict.Blocking.Count);
        Assert.Equal(1, verdict.Counts[Severity.Critical]);
    }

    [Fact]
    public void Malformed_ignore_line_names_file_and_line()
    {
        var error = Assert.Throws<SlipwayException>(() => IgnoreList.Parse("CVE-1\nCVE-2 until:2027-01-01\n", ".trivyignore"));
        Assert.Equal(ErrorCode.ScanIgnoreFileInvalid, error.Code);
        Assert.StartsWith(".trivyignore:2: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical", Severity.Critical)]
    [InlineData("HIGH", Severity.High)]
    [InlineData("Moderate", Severity.Medium)]
    public void Severity_names_parse_case_insensitively(string text, Severity expected) =>
        Assert.Equal(expected, SeverityNames.Parse(text));

    [Fact]
    public void Unknown_severity_name_is_an_input_error()
    {
        var error = Assert.Throws<SlipwayException>(() => SeverityNames.Parse("SEVERE"));
        Assert.Equal(ErrorCode.ScanSeverityUnknown, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
    }
}
