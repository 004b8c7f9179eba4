namespace Slipway.Versioning;

/// <summary>
/// A calendar version as its <see cref="CalVerScheme"/> format reads it (<c>2026.11.3</c> under <c>YYYY.MM.MICRO</c>):
/// its numbers in order and an optional <c>-modifier</c>, which makes it a prerelease. <c>{major}</c>, <c>{minor}</c>
/// and <c>{patch}</c> are its first three numbers, whatever the format calls them.
/// </summary>
public sealed record CalendarVersion : ProjectVersion
{
    private readonly string _text;

    internal CalendarVersion(string text, IReadOnlyList<int> numbers, string modifier)
        : base(numbers[0], numbers.Count > 1 ? numbers[1] : 0, numbers.Count > 2 ? numbers[2] : 0, modifier)
    {
        _text = text;
        Numbers = numbers;
    }

    public IReadOnlyList<int> Numbers { get; }

    public override string SchemeName => "calver";

    protected override int CompareSameScheme(ProjectVersion other)
    {
        var that = (CalendarVersion)other;
        for (var i = 0; i < Math.Min(Numbers.Count, that.Numbers.Count); i++)
        {
            var result = Numbers[i].CompareTo(that.Numbers[i]);
            if (result != 0)
            {
                return result;
            }
        }

        var length = Numbers.Count.CompareTo(that.Numbers.Count);
        return length != 0 ? length : SemanticVersion.ComparePrerelease(Prerelease, that.Prerelease);
    }

    public bool Equals(CalendarVersion? other) =>
        other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text;
}
