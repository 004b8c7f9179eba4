using Slipway.Changelog;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Files;
using Slipway.Oci;
using Slipway.Pipeline.Steps;

namespace Slipway.Pipeline;

/// <summary>
/// The paths a release writes, or takes the build's output from, that the configuration decides: the news file, each
/// image layout and the run's logs (<c>.slipway/runs</c>). Each must stay inside the repository after <c>..</c> and
/// every link. <c>slipway plan</c> and the preflight step check them, so a bad path stops the release before anything
/// is public rather than in finalize-changelog, after the tag.
/// </summary>
public static class ConfiguredPaths
{
    public const string RunsDirectory = ".slipway/runs";

    public static void Check(SlipwayConfig config, IEnvironment environment, SecretRedactor redactor, string version, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(config);
        var repository = FileBoundary.Repository(config.RootDirectory);
        if (ChangelogRenderStep.Configured(config))
        {
            var project = ChangelogProject.Locate(config.RootDirectory, config.Path, environment, redactor);
            var settings = project.Settings;
            var data = new VersionData(
                settings.Name.Length > 0 ? settings.Name : config.Project.Name,
                version,
                date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            NewsFile.Locate(settings, project.BaseDirectory, data, out _);
        }

        foreach (var image in config.Images)
        {
            var layouts = image.Layout is { } single ? [new PlatformLayout(string.Empty, single)] : image.PlatformLayouts;
            foreach (var layout in layouts)
            {
                var (path, _) = OciLayout.SplitArgument(layout.Path, config.RootDirectory);
                var what = layout.Platform.Length == 0 ? "layout" : $"{layout.Platform} layout";
                OutputPath.EnsureInside(path, layout.Path, $"{what} of {image.Repository} at {image.Location}", repository, FileKind.Directory, FileKind.RegularFile);
            }
        }

        OutputPath.EnsureInside(
            Path.Combine(config.RootDirectory, RunsDirectory), RunsDirectory, "the run's logs", repository, FileKind.Directory);
    }
}
