using Slipway.Packages;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Checks every package file right after the build, long before anything is published: each glob matches files the
/// build journaled (and no others), each file declares this release's version (and, for NuGet, the id and version its
/// name says), and each package has its credential.
/// </summary>
public sealed class CheckPackagesStep : ReleaseStep
{
    public override string Name => StepNames.CheckPackages;

    public override IReadOnlyList<string> DependsOn => [StepNames.Build];

    public override StepPhase Phase => StepPhase.BeforeApproval;

    public override string Description => "check every [[package]] file: built and journaled, this release's version, a credential for its registry";

    public override StepCondition Condition(Configuration.SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return PackageStepSupport.Configured(config);
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var release = await PackageStepSupport.ReleaseAsync(context, judgeHighest: false, cancellationToken);
        var checkedFiles = new List<CheckedPackageFile>();
        foreach (var (section, files) in await PackageStepSupport.FilesAsync(context, cancellationToken))
        {
            var publisher = PackageStepSupport.Publisher(context, section, release);
            try
            {
                foreach (var file in files)
                {
                    var identity = publisher.Inspect(file);
                    if (!PackageStepSupport.SameVersion(section.Kind, identity.Version, release.Version))
                    {
                        throw PackageErrors.VersionMismatch(file.FileName, $"{identity.Name}'s metadata", identity.Version, release.Version);
                    }

                    PackagePorts.EnsureCredential(section, publisher, file, context.Services.Environment);
                    context.Report($"{section.Kind} {identity.Name} {identity.Version} ({file.FileName})");
                    checkedFiles.Add(new CheckedPackageFile(section.Kind, Path.GetRelativePath(context.Config.RootDirectory, file.Path).Replace('\\', '/'), identity.Name, identity.Version, file.Sha256, file.Length));
                }
            }
            finally
            {
                (publisher as IDisposable)?.Dispose();
            }
        }

        return StepResult.Done(new CheckedPackages(checkedFiles));
    }
}
