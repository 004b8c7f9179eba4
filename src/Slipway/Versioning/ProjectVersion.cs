namespace Slipway.Versioning;

/// <summary>
/// A version parsed by the project's <see cref="IVersionScheme"/>: what tag templates and floating image tags read
/// (<c>{major}</c>, <c>{minor}</c>, <c>{patch}</c>, <c>{prerelease}</c>), and the scheme's order. Versions of two
/// schemes never meet: one project has one scheme.
/// </summary>
public abstract record ProjectVersion(int Major, int Minor, int Patch, string Prerelease) : IComparable<ProjectVersion>
{
    public bool IsPrerelease => Prerelease.Length > 0;

    /// <summary>The scheme's name as <c>version-scheme</c> spells it.</summary>
    public abstract string SchemeName { get; }

    public int CompareTo(ProjectVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        return other.GetType() == GetType()
            ? Math.Sign(CompareSameScheme(other))
            : throw new ArgumentException($"cannot order a {SchemeName} version against a {other.SchemeName} version", nameof(other));
    }

    /// <summary>The same release written the same way: equal in the scheme's order and in its (normalised) text, so
    /// SemVer build metadata counts here although it does not in the order.</summary>
    public bool SameAs(ProjectVersion other) =>
        other is not null && CompareTo(other) == 0 && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    protected abstract int CompareSameScheme(ProjectVersion other);

    public abstract override string ToString();

    public static bool operator <(ProjectVersion? left, ProjectVersion? right) => Compare(left, right) < 0;

    public static bool operator >(ProjectVersion? left, ProjectVersion? right) => Compare(left, right) > 0;

    public static bool operator <=(ProjectVersion? left, ProjectVersion? right) => Compare(left, right) <= 0;

    public static bool operator >=(ProjectVersion? left, ProjectVersion? right) => Compare(left, right) >= 0;

    private static int Compare(ProjectVersion? left, ProjectVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
