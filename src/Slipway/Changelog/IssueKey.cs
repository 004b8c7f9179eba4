namespace Slipway.Changelog;

/// <summary>
/// towncrier's human order of issue names: names without digits first (alphabetically), then names holding a number
/// grouped by the rest of the name and ordered by that number, then plain numbers by value:
/// <c>alpha, omega, #3, #11, gh-4, gh-10, 2</c>.
/// </summary>
internal readonly record struct IssueKey(bool IsDigit, bool HasDigit, string NonDigitPart, string Number) : IComparable<IssueKey>
{
    public static IssueKey Of(string issue)
    {
        if (PythonText.IsDigits(issue))
        {
            return new IssueKey(true, true, string.Empty, PythonText.NormalizeNumber(issue));
        }

        var start = 0;
        while (start < issue.Length && !char.IsDigit(issue[start]))
        {
            start++;
        }

        if (start == issue.Length)
        {
            return new IssueKey(false, false, issue, string.Empty);
        }

        var end = start;
        while (end < issue.Length && char.IsDigit(issue[end]))
        {
            end++;
        }

        return new IssueKey(false, true, string.Concat(issue.AsSpan(0, start), issue.AsSpan(end)), PythonText.NormalizeNumber(issue.AsSpan(start, end - start)));
    }

    public int CompareTo(IssueKey other)
    {
        var order = IsDigit.CompareTo(other.IsDigit);
        if (order == 0)
        {
            order = HasDigit.CompareTo(other.HasDigit);
        }

        if (order == 0)
        {
            order = PythonText.CompareCodePoints(NonDigitPart, other.NonDigitPart);
        }

        return order != 0 || !HasDigit ? order : PythonText.CompareNumbers(Number, other.Number);
    }

    public static int Compare(IReadOnlyList<IssueKey> left, IReadOnlyList<IssueKey> right)
    {
        var length = Math.Min(left.Count, right.Count);
        for (var i = 0; i < length; i++)
        {
            var order = left[i].CompareTo(right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    public static bool operator <(IssueKey left, IssueKey right) => left.CompareTo(right) < 0;

    public static bool operator >(IssueKey left, IssueKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(IssueKey left, IssueKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IssueKey left, IssueKey right) => left.CompareTo(right) >= 0;
}
