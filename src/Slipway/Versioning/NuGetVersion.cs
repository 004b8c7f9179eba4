using System.Globalization;

namespace Slipway.Versioning;

/// <summary>
/// A NuGet package version in its normalised form: <c>Major.Minor.Patch[.Revision][-Prerelease][+Metadata]</c>, the
/// revision shown only when it is not 0, as nuget.org normalises it. The prerelease orders like SemVer's, but
/// case-insensitively, as NuGet does.
/// </summary>
public sealed record NuGetVersion(int Major, int Minor, int Patch, int Revision, string Prerelease, string Metadata)
    : ProjectVersion(Major, Minor, Patch, Prerelease)
{
    public override string SchemeName => NuGetScheme.Instance.Name;

    protected override int CompareSameScheme(ProjectVersion other)
    {
        var that = (NuGetVersion)other;
        var result = Major.CompareTo(that.Major);
        if (result == 0)
        {
            result = Minor.CompareTo(that.Minor);
        }

        if (result == 0)
        {
            result = Patch.CompareTo(that.Patch);
        }

        if (result == 0)
        {
            result = Revision.CompareTo(that.Revision);
        }

        return result != 0 ? result : SemanticVersion.ComparePrerelease(Prerelease, that.Prerelease, StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
        if (Revision != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $".{Revision}");
        }

        if (Prerelease.Length > 0)
        {
            text += "-" + Prerelease;
        }

        return Metadata.Length > 0 ? text + "+" + Metadata : text;
    }
}
