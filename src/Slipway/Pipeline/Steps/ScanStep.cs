using System.Text;
using Slipway.Configuration;
using Slipway.Files;
using Slipway.Gates;
using Slipway.Oci;
using Slipway.Pipeline.Outputs;
using Slipway.Signing;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Runs <c>[scan] command</c> against <c>image@digest</c> for the index and for each platform digest (a scanner given
/// an index often sees one platform only), parses Trivy JSON or SARIF, and applies the policy. Reads only.
/// </summary>
public sealed class ScanStep : ReleaseStep
{
    public override string Name => StepNames.Scan;

    public override IReadOnlyList<string> DependsOn => [StepNames.PushPrerelease];

    public override StepPhase Phase => StepPhase.BeforeApproval;

    public override string Description => "scan each pushed image (index and every platform digest) with [scan] command; fail on [scan] fail-on";

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Images.Count == 0
            ? StepCondition.When("[[image]] and [scan] configured", false, "no [[image]] in the configuration")
            : StepCondition.When("[[image]] and [scan] configured", config.Scan is not null, "no [scan] in the configuration");
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var images = await ImageStepSupport.PushedAsync(context, cancellationToken);
        var verdict = await ScanAsync(context, images, cancellationToken);
        context.Report(verdict.Summary());
        if (!verdict.Passed)
        {
            throw PipelineErrors.ScanBlocked(verdict.Summary());
        }

        return StepResult.Done(Outputs(verdict, context));
    }

    /// <summary>Scans every image at its index and platform digests and judges the findings (also promote-images' rescan).</summary>
    internal static async Task<ScanVerdict> ScanAsync(StepContext context, IReadOnlyList<PushedImage> images, CancellationToken cancellationToken)
    {
        var scan = context.Config.Scan!;
        // Every command line is prepared (its values checked) before the first scan runs.
        var commands = images.SelectMany(image =>
            {
                var repository = ImageReference.Parse(image.Repository);
                return image.Platforms
                    .Select(p => new SbomTarget(repository, p.Digest, PlatformOf(p, image.Repository)))
                    .Prepend(new SbomTarget(repository, image.Digest, null))
                    .DistinctBy(t => t.Digest)
                    .Select(target => (Source: $"scan of {image.Repository}@{target.Digest}", Command: SbomCommand.Prepare(scan.Command, target)));
            })
            .ToList();
        var reports = new List<VulnerabilityReport>();
        foreach (var (source, command) in commands)
        {
            var output = await CapturedCommand.RunAsync(
                command,
                context.Config.RootDirectory,
                (exitCode, error) => PipelineErrors.ScanCommandFailed(scan.Command, exitCode, error),
                cancellationToken);
            reports.Add(VulnerabilityReportParser.Parse(Encoding.UTF8.GetString(output), source));
        }

        return Policy(context.Config).Judge(reports, DateOnly.FromDateTime(context.Services.Time.GetUtcNow().UtcDateTime));
    }

    private static Platform? PlatformOf(PlatformDigest entry, string repository) =>
        entry.Platform.Length == 0 ? null
        : PlatformSpecifier.TryParse(entry.Platform, out var platform, out var error) ? platform
        : throw GateErrors.PlatformInvalid($"scan of {repository}@{entry.Digest}", entry.Platform, error);

    internal static ScanOutcome Outputs(ScanVerdict verdict, StepContext context) => new(
        context.FreeText(verdict.Summary()),
        verdict.Counts.ToDictionary(c => SeverityNames.Format(c.Key), c => c.Value, StringComparer.Ordinal),
        [.. verdict.Blocking.Select(f => context.FreeText($"{f.Id} in {f.Package}"))],
        verdict.Ignored.Count);

    private static ScanPolicy Policy(SlipwayConfig config)
    {
        var scan = config.Scan!;
        var ignored = IgnoreList.Empty;
        if (scan.IgnoreFile is { } file)
        {
            var text = RepositoryFile.ReadAllText(
                config.Resolve(file), file, FileBoundary.Repository(config.RootDirectory), RepositoryFile.DefaultMaxSize, () => PipelineErrors.ScanIgnoreFileMissing(file));
            ignored = IgnoreList.Parse(text, file);
        }

        return new ScanPolicy(new HashSet<Severity>(scan.FailOn), scan.IgnoreUnfixed, ignored);
    }
}
