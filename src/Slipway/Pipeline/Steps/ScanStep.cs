using System.Text;
using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Files;
using Slipway.Gates;
using Slipway.Oci;
using Slipway.Pipeline.Images;
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

        return StepResult.Done(Outputs(verdict));
    }

    /// <summary>Scans every image at its index and platform digests and judges the findings (also promote-images' rescan).</summary>
    internal static async Task<ScanVerdict> ScanAsync(StepContext context, IReadOnlyList<PushedImage> images, CancellationToken cancellationToken)
    {
        var scan = context.Config.Scan!;
        var reports = new List<VulnerabilityReport>();
        foreach (var image in images)
        {
            var repository = ImageReference.Parse(image.Repository);
            var targets = image.Platforms
                .Select(p => new SbomTarget(repository, Digest.Parse(p.Digest), PlatformOf(p.Platform)))
                .Prepend(new SbomTarget(repository, Digest.Parse(image.Digest), null))
                .DistinctBy(t => t.Digest);
            foreach (var target in targets)
            {
                var output = await CapturedCommand.RunAsync(
                    SbomCommand.Expand(scan.Command, target),
                    context.Config.RootDirectory,
                    (exitCode, error) => PipelineErrors.ScanCommandFailed(scan.Command, exitCode, error),
                    cancellationToken);
                reports.Add(VulnerabilityReportParser.Parse(Encoding.UTF8.GetString(output), $"scan of {image.Repository}@{target.Digest}"));
            }
        }

        return Policy(context.Config).Judge(reports, DateOnly.FromDateTime(context.Services.Time.GetUtcNow().UtcDateTime));
    }

    private static Platform? PlatformOf(string text)
    {
        var parts = text.Split('/');
        return parts.Length < 2 ? null : new Platform(parts[0], parts[1], parts.Length > 2 ? parts[2] : null);
    }

    internal static JsonObject Outputs(ScanVerdict verdict)
    {
        var counts = new JsonObject();
        foreach (var (severity, count) in verdict.Counts)
        {
            counts[SeverityNames.Format(severity)] = count;
        }

        var blocking = new JsonArray();
        foreach (var finding in verdict.Blocking)
        {
            blocking.Add((JsonNode?)JsonValue.Create($"{finding.Id} in {finding.Package}"));
        }

        return new JsonObject
        {
            ["summary"] = verdict.Summary(),
            ["counts"] = counts,
            ["blocking"] = blocking,
            ["ignored"] = verdict.Ignored.Count,
        };
    }

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
