namespace Slipway.Gates;

/// <summary>The outcome of a scan: counts per severity, the findings that block, and those the policy let through.</summary>
public sealed record ScanVerdict(
    IReadOnlyDictionary<Severity, int> Counts,
    IReadOnlyList<VulnerabilityFinding> Blocking,
    IReadOnlyList<VulnerabilityFinding> Ignored)
{
    public bool Passed => Blocking.Count == 0;

    /// <summary>One line for the run record: <c>2 critical, 5 high, 0 medium, 1 low, 0 unknown; 1 blocking (CVE-...)</c>.</summary>
    public string Summary()
    {
        var counts = string.Join(", ", new[] { Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Unknown }
            .Select(s => $"{Counts.GetValueOrDefault(s)} {s.ToString().ToLowerInvariant()}"));
        var blocking = Blocking.Count == 0
            ? "none blocking"
            : $"{Blocking.Count} blocking ({string.Join(", ", Blocking.Take(5).Select(f => $"{f.Id} in {f.Package}"))}{(Blocking.Count > 5 ? ", ..." : string.Empty)})";
        var ignored = Ignored.Count == 0 ? string.Empty : $", {Ignored.Count} ignored by policy";
        return $"{counts}; {blocking}{ignored}";
    }
}
