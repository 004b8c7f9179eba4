using Slipway.Configuration;
using Slipway.Packages;
using Slipway.Pipeline.Builds;
using Slipway.Pipeline.Outputs;
using Slipway.Versioning;

namespace Slipway.Pipeline.Steps;

/// <summary>What the package steps share: their condition and the files of each <c>[[package]]</c>, from the build record.</summary>
internal static class PackageStepSupport
{
    public static StepCondition Configured(SlipwayConfig config) =>
        StepCondition.When("[[package]] configured", config.Packages.Count > 0, "no [[package]] in the configuration");

    public static async Task<IReadOnlyList<(PackageSection Section, IReadOnlyList<PackageFile> Files)>> FilesAsync(StepContext context, CancellationToken cancellationToken)
    {
        var steps = await context.Journal.StepsAsync(context.Run.Id, cancellationToken);
        var artifacts = JournaledBuild.From(steps).Artifacts.ToList();
        var result = new List<(PackageSection, IReadOnlyList<PackageFile>)>();
        foreach (var section in context.Config.Packages)
        {
            result.Add((section, await PackageSelection.SelectAsync(context.Config, section, artifacts, cancellationToken)));
        }

        return result;
    }

    /// <summary>Whether a declared version is the release's: exact for npm and PyPI, ignoring case for NuGet (its versions compare so).</summary>
    public static bool SameVersion(string kind, string declared, string release) =>
        string.Equals(declared, release, kind == PackageSection.NuGetKind ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    public static async Task<PackageRelease> ReleaseAsync(StepContext context, bool judgeHighest, CancellationToken cancellationToken)
    {
        var detected = await context.OutputOfAsync<DetectedVersion>(StepNames.DetectVersion, cancellationToken);
        if (!judgeHighest || detected.Prerelease)
        {
            return new PackageRelease(detected.Version, detected.Prerelease, false);
        }

        var (version, _, _) = await ImageStepSupport.VersionAsync(context, cancellationToken);
        using var repository = Git.GitRepository.Open(context.Config.RootDirectory);
        var released = Images.ReleasedVersions.OnRemote(repository, context.Config.Forge.Remote, context.Config.Project.Tag, context.Config.Project.Scheme);
        var latest = Template.TryParse("latest", out var parsed, out var error) ? parsed : throw new InvalidOperationException(error);
        return new PackageRelease(detected.Version, false, Images.FloatingTagPolicy.Decide(latest, version, released).Moves);
    }

    public static IPackagePublisher Publisher(StepContext context, PackageSection section, PackageRelease release) =>
        PackagePorts.Publisher(context.Config, section, release, context.Services.Environment, context.Services.Redactor, context.Services.Time);
}
