namespace Slipway.Gates;

/// <summary>
/// Which findings block a release: severities in <see cref="FailOn"/>, unless fixed nowhere yet and
/// <see cref="IgnoreUnfixed"/> is set, or listed in the ignore file (until its expiry date).
/// </summary>
public sealed record ScanPolicy(IReadOnlySet<Severity> FailOn, bool IgnoreUnfixed, IgnoreList Ignored)
{
    public static ScanPolicy Default { get; } = new(new HashSet<Severity> { Severity.Critical, Severity.High }, false, IgnoreList.Empty);

    public ScanVerdict Judge(IEnumerable<VulnerabilityReport> reports, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(reports);

        // The same CVE in the same package is reported once per platform image; count it once.
        var findings = reports
            .SelectMany(r => r.Findings)
            .DistinctBy(f => (f.Id, f.Package, f.InstalledVersion))
            .ToList();
        var blocking = new List<VulnerabilityFinding>();
        var ignored = new List<VulnerabilityFinding>();
        foreach (var finding in findings)
        {
            if (!FailOn.Contains(finding.Severity))
            {
                continue;
            }

            if (Ignored.Ignores(finding.Id, today) || (IgnoreUnfixed && !finding.HasFix))
            {
                ignored.Add(finding);
            }
            else
            {
                blocking.Add(finding);
            }
        }

        var counts = Enum.GetValues<Severity>().ToDictionary(s => s, s => findings.Count(f => f.Severity == s));
        return new ScanVerdict(counts, blocking, ignored);
    }
}
