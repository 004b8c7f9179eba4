using System.Globalization;
using Slipway.Changelog;
using Slipway.Configuration;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Renders the release notes from the pending fragments, without writing anything: the notes, the news file's new
/// content and the fragments it consumes are journaled (<see cref="RenderedChangelog"/>) for create-release and
/// finalize-changelog. The date is the run's start date, so a re-run renders the same bytes.
/// </summary>
public sealed class ChangelogRenderStep : ReleaseStep
{
    public override string Name => StepNames.ChangelogRender;

    public override IReadOnlyList<string> DependsOn => [StepNames.Preflight];

    public override StepPhase Phase => StepPhase.BeforeBuild;

    public override string Description => "render the release notes from the news fragments (nothing written yet)";

    public override StepCondition Condition(SlipwayConfig config) =>
        StepCondition.When("[changelog], towncrier.toml or [tool.towncrier] configured", Configured(config), "no changelog configuration");

    /// <summary>The discovery <c>changelog draft</c> uses: [changelog], towncrier.toml, or [tool.towncrier] in pyproject.toml.</summary>
    public static bool Configured(SlipwayConfig config) => ChangelogProject.IsConfigured(config);

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detected = await context.OutputOfAsync<DetectedVersion>(StepNames.DetectVersion, cancellationToken);
        var config = context.Config;
        var project = ChangelogProject.Locate(config.RootDirectory, config.Path, context.Services.Environment, context.Services.Redactor);
        var settings = project.Settings;
        var version = new VersionData(
            settings.Name.Length > 0 ? settings.Name : config.Project.Name,
            detected.Version,
            context.Run.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var fragments = FragmentScanner.Scan(settings, project.BaseDirectory, project.ListFiles);
        var release = ChangelogBuilder.Draft(project, version);
        var newsFile = NewsFile.Locate(settings, project.BaseDirectory, version, out _);
        var relative = Relative(config, newsFile);
        var existing = NewsFile.ReadExisting(newsFile, relative, project.BaseDirectory);
        var content = NewsFile.Compose(settings, relative, existing, release);
        var consumed = fragments.Select(f => Relative(config, Path.GetFullPath(f.Path, project.BaseDirectory))).ToList();

        context.Report($"rendered {fragments.Count} fragment(s) into {relative}");
        // Fragments are free text: one that quotes a secret (or links to /proc/self/environ) is masked here, so the
        // journal, and the release created from it, never hold the secret.
        return StepResult.Done(new RenderedChangelog(context.FreeText(release.Content), relative, context.FreeText(content), consumed));
    }

    private static string Relative(SlipwayConfig config, string path) =>
        Path.GetRelativePath(config.RootDirectory, path).Replace('\\', '/');
}
