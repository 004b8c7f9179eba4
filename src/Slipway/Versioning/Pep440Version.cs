using System.Globalization;
using System.Text;

namespace Slipway.Versioning;

/// <summary>
/// A public PEP 440 version in its normalised form (https://peps.python.org/pep-0440/):
/// <c>[N!]N(.N)*[{a|b|rc}N][.postN][.devN]</c>. <c>{major}</c>, <c>{minor}</c> and <c>{patch}</c> are the first three
/// release numbers (0 when the release segment is shorter); <c>{prerelease}</c> is the pre-release and dev part
/// (<c>a2</c>, <c>rc1.dev0</c>, <c>dev0</c>).
/// </summary>
public sealed record Pep440Version : ProjectVersion
{
    internal Pep440Version(int epoch, IReadOnlyList<int> release, string? preLabel, int preNumber, int? post, int? dev)
        : base(release[0], At(release, 1), At(release, 2), PrereleaseText(preLabel, preNumber, dev))
    {
        Epoch = epoch;
        Release = release;
        PreLabel = preLabel;
        PreNumber = preNumber;
        Post = post;
        Dev = dev;
    }

    public int Epoch { get; }

    public IReadOnlyList<int> Release { get; }

    /// <summary><c>a</c>, <c>b</c>, <c>rc</c>, or null for no pre-release.</summary>
    public string? PreLabel { get; }

    public int PreNumber { get; }

    public int? Post { get; }

    public int? Dev { get; }

    public override string SchemeName => Pep440Scheme.Instance.Name;

    private static int At(IReadOnlyList<int> release, int index) => index < release.Count ? release[index] : 0;

    private static string PrereleaseText(string? preLabel, int preNumber, int? dev)
    {
        var pre = preLabel is null ? string.Empty : preLabel + preNumber.ToString(CultureInfo.InvariantCulture);
        if (dev is null)
        {
            return pre;
        }

        var devText = "dev" + dev.Value.ToString(CultureInfo.InvariantCulture);
        return pre.Length == 0 ? devText : $"{pre}.{devText}";
    }

    /// <summary>The order of PEP 440 §Summary of permitted suffixes: <c>1.0.dev0 &lt; 1.0a1 &lt; 1.0a1.post1 &lt; 1.0b1.dev1
    /// &lt; 1.0rc1 &lt; 1.0 &lt; 1.0.post1.dev0 &lt; 1.0.post1</c>; trailing zeros of the release do not count.</summary>
    protected override int CompareSameScheme(ProjectVersion other)
    {
        var that = (Pep440Version)other;
        var result = Epoch.CompareTo(that.Epoch);
        for (var i = 0; result == 0 && i < Math.Max(Release.Count, that.Release.Count); i++)
        {
            result = At(Release, i).CompareTo(At(that.Release, i));
        }

        if (result == 0)
        {
            result = PreKey().CompareTo(that.PreKey());
        }

        if (result == 0)
        {
            result = (Post ?? -1).CompareTo(that.Post ?? -1);
        }

        return result != 0 ? result : ((long?)Dev ?? long.MaxValue).CompareTo((long?)that.Dev ?? long.MaxValue);
    }

    private (int Rank, int Number) PreKey() => PreLabel switch
    {
        // A dev release of the final release (1.0.dev0) sorts before its pre-releases.
        null when Post is null && Dev is not null => (-1, 0),
        null => (3, 0),
        "a" => (0, PreNumber),
        "b" => (1, PreNumber),
        _ => (2, PreNumber),
    };

    public bool Equals(Pep440Version? other) =>
        other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public override string ToString()
    {
        var text = new StringBuilder();
        if (Epoch != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Epoch}!");
        }

        text.AppendJoin('.', Release);
        if (PreLabel is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"{PreLabel}{PreNumber}");
        }

        if (Post is { } post)
        {
            text.Append(CultureInfo.InvariantCulture, $".post{post}");
        }

        if (Dev is { } dev)
        {
            text.Append(CultureInfo.InvariantCulture, $".dev{dev}");
        }

        return text.ToString();
    }
}
