using Slipway.Configuration;

namespace Slipway.Pipeline;

/// <summary>The steps a release runs for a configuration, in order. Later capabilities add their steps here.</summary>
public static class ReleasePlan
{
    public static IReadOnlyList<PlannedStep> For(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var project = config.Project;
        return
        [
            new PlannedStep(
                "detect-version",
                [],
                "always",
                true,
                $"read the version from {project.Version.Describe()} and render the tag {project.Tag.Text}"),
            new PlannedStep(
                "preflight",
                ["detect-version"],
                "always",
                true,
                $"the tag does not exist here or on {project.Remote}, the commit is on {project.ReleaseBranch}, the working tree is clean"),
            new PlannedStep(
                "changelog-render",
                ["detect-version"],
                "[changelog] configures a fragments directory",
                config.Changelog is not null,
                config.Changelog is { } changelog
                    ? $"render the news fragments of {changelog.Directory ?? "the package's newsfragments"} into the release notes for {changelog.Filename}"
                    : "render the news fragments into the release notes"),
        ];
    }
}
