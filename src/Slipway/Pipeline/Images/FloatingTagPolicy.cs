using Slipway.Versioning;

namespace Slipway.Pipeline.Images;

/// <summary>
/// Which release tags a version may move. A tag naming this version exactly (it uses <c>{version}</c> or
/// <c>{patch}</c>) always moves. A floating tag moves only when this version is the highest stable version released in
/// its scope — <c>{major}.{minor}</c> within its minor line, <c>{major}</c> within its major line, a tag with no field
/// (<c>latest</c>) across all — judged from the release tags on the remote, so a hotfix on an older line never moves
/// <c>latest</c>. A prerelease never moves a floating tag. "Highest" is the project's version scheme's order (PEP 440's
/// <c>1.0.post1</c> is above <c>1.0</c>, its <c>2.0rc1</c> is a prerelease).
/// </summary>
public static class FloatingTagPolicy
{
    public static TagDecision Decide(Template template, ProjectVersion version, IEnumerable<ProjectVersion> released)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(released);
        if (template.Uses("version") || template.Uses("patch") || template.Uses("sha") || template.Uses("sha7") || template.Uses("prerelease"))
        {
            return new TagDecision(true, "names this version");
        }

        if (version.IsPrerelease)
        {
            return new TagDecision(false, $"{version} is a prerelease; floating tags name stable releases only");
        }

        var (scope, inScope) = template.Uses("minor")
            ? ($"{version.Major}.{version.Minor}.x", (Func<ProjectVersion, bool>)(v => v.Major == version.Major && v.Minor == version.Minor))
            : template.Uses("major")
                ? ($"{version.Major}.x", v => v.Major == version.Major)
                : ("all releases", _ => true);
        var higher = released.Where(v => !v.IsPrerelease && inScope(v) && v > version).OrderByDescending(v => v).FirstOrDefault();
        return higher is null
            ? new TagDecision(true, $"{version} is the highest release in {scope}")
            : new TagDecision(false, $"{higher} is a higher release in {scope}");
    }
}
