using Slipway.Configuration;
using Slipway.Packages;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Publishes every package file, after the approval and the image promotion, before the public release. Each file is
/// its own unit: the registry is read first (the same content there is success; other content a hard error), then the
/// file is published and polled until served, and the step journals its progress after every file, so a failure
/// part-way leaves the run past the point of no return with exactly what is missing recorded, and a resume publishes
/// only that. Nothing is rolled back underneath a published package. It also waits for <paramref name="after"/>: the
/// forge's draft, so a release whose assets cannot be staged is rolled back before anything is published.
/// </summary>
public sealed class PublishPackagesStep(IEnumerable<string> after) : ReleaseStep
{
    private readonly string[] _after = [.. after];

    /// <summary>How long a registry may take to serve a published file (PyPI's CDN and nuget.org's indexing are slow).</summary>
    public static readonly TimeSpan VerifyBudget = TimeSpan.FromMinutes(40);

    public override string Name => StepNames.PublishPackages;

    public override IReadOnlyList<string> DependsOn => [StepNames.Approval, StepNames.PromoteImages, StepNames.CheckPackages, .. _after];

    public override StepPhase Phase => StepPhase.AfterApproval;

    public override string Description => "publish every [[package]] file not yet in its registry, then wait until the registry serves the same content";

    public override bool Irreversible => true;

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return PackageStepSupport.Configured(config);
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var release = await PackageStepSupport.ReleaseAsync(context, judgeHighest: true, cancellationToken);
        var done = ((await context.OwnProgressAsync<PublishedPackages>(cancellationToken))?.Packages ?? []).ToList();
        foreach (var (section, files) in await PackageStepSupport.FilesAsync(context, cancellationToken))
        {
            var publisher = PackageStepSupport.Publisher(context, section, release);
            try
            {
                foreach (var file in files)
                {
                    var path = Path.GetRelativePath(context.Config.RootDirectory, file.Path).Replace('\\', '/');
                    if (done.Any(p => p.Kind == section.Kind && p.Path == path && p.Sha256 == file.Sha256))
                    {
                        context.Report($"{path} was published by an earlier attempt");
                        continue;
                    }

                    done.Add(await PublishAsync(context, section, publisher, file, path, cancellationToken));

                    // Journaled after every file: from here on the run only moves forward, and a resume skips this one.
                    await context.SaveProgressAsync(new PublishedPackages { Packages = done }, cancellationToken);
                }
            }
            finally
            {
                (publisher as IDisposable)?.Dispose();
            }
        }

        return StepResult.Done(new PublishedPackages { Packages = done });
    }

    private static async Task<PublishedPackage> PublishAsync(StepContext context, PackageSection section, IPackagePublisher publisher, PackageFile file, string path, CancellationToken cancellationToken)
    {
        var identity = publisher.Inspect(file);
        var registry = publisher is IPackageLocator locator ? locator.RegistryFor(file).ToString() : section.Registry ?? section.Kind;
        var location = publisher is IPackageLocator at ? at.Location(file).ToString() : registry;
        var presence = await publisher.ExistsAsync(file, cancellationToken);
        var published = false;
        switch (presence)
        {
            case PackagePresence.Different:
                throw PackageErrors.ContentDiffers(registry, $"{identity.Name} {identity.Version}", $"{file.FileName} is not what the build made");
            case PackagePresence.Same:
                context.Report($"{identity.Name} {identity.Version} ({file.FileName}) is already in {registry} with the same content");
                break;
            default:
                published = await publisher.PublishAsync(file, cancellationToken) == PublishOutcome.Published;
                context.Report(published
                    ? $"published {identity.Name} {identity.Version} ({file.FileName}) to {registry}"
                    : $"{identity.Name} {identity.Version} ({file.FileName}) was already in {registry} with the same content");
                break;
        }

        await publisher.VerifyAsync(file, VerifyBudget, cancellationToken);
        context.Report($"{registry} serves {identity.Name} {identity.Version}: {location}");
        return new PublishedPackage(section.Kind, path, identity.Name, identity.Version, file.Sha256, context.FreeText(registry), context.FreeText(location), published);
    }
}
