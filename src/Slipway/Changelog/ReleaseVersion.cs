using System.Globalization;
using Slipway.Configuration;
using Slipway.Git;
using Slipway.Versioning;

namespace Slipway.Changelog;

/// <summary>
/// The name, version and date a release is rendered with: what the command line says, else the changelog
/// configuration's <c>name</c>/<c>version</c>, else the version slipway.toml's version source gives, else (as towncrier
/// 24.8) the version of the configured <c>package</c> (<see cref="PackageVersion"/>), and today (UTC).
/// </summary>
public static class ReleaseVersion
{
    public static VersionData Resolve(ChangelogProject project, string? version, string? date, string? name, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(time);
        var settings = project.Settings;
        return new VersionData(
            name ?? (settings.Name.Length > 0 ? settings.Name : PythonText.Title(settings.Package)),
            version ?? settings.Version ?? Detect(project),
            date is null ? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : CheckDate(date));
    }

    private static string CheckDate(string date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? date
            : throw ChangelogErrors.DateInvalid(date);

    private static string Detect(ChangelogProject project)
    {
        if (project.Config is not { } config)
        {
            // towncrier 24.8 reads the version of the configured package.
            return project.Settings.Package.Length > 0
                ? PackageVersion.Read(project.Settings, project.BaseDirectory)
                : throw ChangelogErrors.VersionUnknown("no --version, no 'version' or 'package' in the changelog configuration, and no slipway.toml to detect it from");
        }

        if (config.Project.Version is VersionSourceSpec.GitTag)
        {
            // Only this source needs the repository; the other sources read a file.
            using var repository = GitRepository.Open(config.RootDirectory);
            return ReleaseDetector.Detect(config.Project, config.RootDirectory, repository).Version.ToString();
        }

        return VersionFile.Read(config.Project.Version, config.RootDirectory, config.Project.Scheme).Version.ToString();
    }
}
