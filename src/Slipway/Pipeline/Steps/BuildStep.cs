using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Gates;
using Slipway.Oci;
using Slipway.Pipeline.Builds;
using Slipway.Pipeline.Outputs;
using Slipway.Signing.Provenance;
using Slipway.State;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Builds once: runs <c>[build] command</c> from the repository root (log under <c>.slipway/runs/RUN/</c>), then
/// journals what it left: every declared artifact (SHA-256 and size) and every image layout (the digest of its
/// index.json, the manifest taken from it and its platform manifests), so a step on another machine can prove it uses
/// what was built. With a platform (<c>--platform</c>) it builds that platform's <c>layouts</c> only, checks each holds
/// exactly that platform, pushes its manifest and blobs by digest (no tag) and journals it in a row of its own,
/// <c>build:PLATFORM</c>, so runners building different platforms never write the same record. In GitHub Actions it
/// also journals the workflow run it is a job of (<see cref="BuildInvocation"/>), which the provenance names.
/// </summary>
public sealed class BuildStep(IReadOnlyList<string> dependsOn) : ReleaseStep
{
    /// <summary>The platform the build command is building, for a command that builds one platform per runner.</summary>
    public const string PlatformVariable = "SLIPWAY_PLATFORM";

    public override string Name => StepNames.Build;

    public override IReadOnlyList<string> DependsOn => dependsOn;

    public override string Description => "run the [build] command once, then journal the digests of the artifacts and image layouts it left";

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return StepCondition.When("[build] configured", config.Build is not null, "no [build] in the configuration");
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var platform = PlatformOf(context.Config, context.Invocation.Platform);
        if (platform is null)
        {
            return StepResult.Done(await BuildAsync(context, null, cancellationToken));
        }

        // The executor runs a one-platform build as its own row, build:PLATFORM (see PartName): a platform built
        // already is done there and never comes here again.
        return StepResult.Done(await BuildAsync(context, platform, cancellationToken));
    }

    public override string? PartName(SlipwayConfig config, RunInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return PlatformOf(config, invocation.Platform) is { } platform ? JournaledBuild.PlatformStepName(platform) : null;
    }

    public override JsonObject? CompletedByParts(SlipwayConfig config, IReadOnlyList<StepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (JournaledBuild.From(steps).MissingPlatforms(config).Count > 0)
        {
            return null;
        }

        var parts = steps.Where(s => s.Name.StartsWith(StepNames.Build + ":", StringComparison.Ordinal) && s.Status == StepStatus.Succeeded).ToList();
        var invocations = parts.Where(s => s.Outputs is not null).Select(s => StepOutputJson.Read<BuildInvocation>(s.Outputs!, s.Name)).ToList();
        var outputs = new JsonObject
        {
            ["seconds"] = invocations.Select(i => i.Seconds).DefaultIfEmpty(0).Max(),
            ["parts"] = new JsonArray([.. parts.Select(s => (JsonNode)s.Name)]),
        };
        if (GitHubActionsRun.Combine([.. invocations.Select(i => i.GitHub).OfType<GitHubActionsRun>()]) is { } run)
        {
            outputs[BuildInvocation.GitHubKey] = GitHubRun(run);
        }

        return outputs;
    }

    /// <summary>The platform to build alone, normalised as <c>layouts</c> keys are; it must be one of them.</summary>
    internal static string? PlatformOf(SlipwayConfig config, string? requested)
    {
        if (requested is null)
        {
            return null;
        }

        if (!PlatformSpecifier.TryParse(requested, out var parsed, out var error))
        {
            throw BuildErrors.PlatformInvalid(requested, error);
        }

        var platform = ImageSection.PlatformKey(parsed);
        var known = config.Images.SelectMany(i => i.PlatformLayouts).Select(l => l.Platform).Distinct(StringComparer.Ordinal).ToList();
        return known.Contains(platform, StringComparer.Ordinal) ? platform : throw BuildErrors.PlatformNotConfigured(platform, known);
    }

    private static async Task<JsonObject> BuildAsync(StepContext context, string? platform, CancellationToken cancellationToken)
    {
        var build = context.Config.Build!;
        var root = context.Config.RootDirectory;
        var run = AttestProvenanceStep.RecordedRun(context.Config, context.Services.Environment, context.Run.Commit);
        var log = Path.Combine(context.RunDirectory, platform is null ? "build.log" : $"build-{platform.Replace('/', '_')}.log");
        var environment = platform is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [PlatformVariable] = platform };
        var result = await ShellCommand.RunAsync(build.Command, root, log, environment, context.Services.Redactor, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw PipelineErrors.BuildFailed(result.ExitCode, Path.GetRelativePath(root, log));
        }

        var missing = build.Artifacts.Where(a => !File.Exists(context.Config.Resolve(a)) && !Directory.Exists(context.Config.Resolve(a))).ToList();
        if (missing.Count > 0)
        {
            throw PipelineErrors.ArtifactsMissing(missing);
        }

        var artifacts = await BuildArtifacts.RecordAsync(context.Config, build.Artifacts, cancellationToken);

        // Every layout is read and checked before any is pushed: a bad one leaves the registry as it was.
        var layouts = new List<CheckedLayout>();
        foreach (var image in context.Config.Images)
        {
            foreach (var (path, layoutPlatform) in LayoutsOf(image, platform))
            {
                layouts.Add(await BuildLayouts.ReadAsync(context.Config, image, path, layoutPlatform, cancellationToken));
            }
        }

        var records = new List<LayoutRecord>();
        if (platform is null)
        {
            records.AddRange(layouts.Select(l => l.Record));
        }
        else
        {
            using var registry = ImageStepSupport.Registry(context);
            foreach (var layout in layouts)
            {
                var repository = ImageReference.Parse(layout.Record.Repository);
                var pushed = await ImagePush.ExecuteAsync(registry, layout.Layout, layout.Plan, repository.WithDigest(layout.Plan.Top.Digest), cancellationToken: cancellationToken);
                context.Report($"pushed {platform} of {repository}@{pushed.Digest} by digest ({pushed.BlobsUploaded} blobs uploaded, {pushed.BlobsSkipped} present)");
                records.Add(layout.Record with { Pushed = true });
            }
        }

        var outputs = new JsonObject
        {
            ["log"] = Path.GetRelativePath(root, log),
            ["seconds"] = Math.Round(result.Duration.TotalSeconds, 3),
        };
        if (platform is not null)
        {
            outputs["platform"] = platform;
        }

        if (run is not null)
        {
            outputs[BuildInvocation.GitHubKey] = GitHubRun(run);
        }

        new BuildRecord(records, artifacts).WriteTo(outputs);
        return outputs;
    }

    private static JsonNode GitHubRun(GitHubActionsRun run) =>
        JsonSerializer.SerializeToNode(run, StepOutputContext.Default.GitHubActionsRun)!;

    private static IEnumerable<(string Path, string? Platform)> LayoutsOf(ImageSection image, string? platform)
    {
        if (image.Layout is { } single)
        {
            return platform is null ? [(single, null)] : [];
        }

        return image.PlatformLayouts.Where(l => platform is null || l.Platform == platform).Select(l => (l.Path, (string?)l.Platform));
    }
}
