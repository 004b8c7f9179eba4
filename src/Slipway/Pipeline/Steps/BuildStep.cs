using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Slipway.Configuration;
using Slipway.Gates;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Builds once: runs <c>[build] command</c> from the repository root (log under <c>.slipway/runs/RUN/build.log</c>),
/// then every declared artifact must exist. Files are recorded with their SHA-256.
/// </summary>
public sealed class BuildStep(IReadOnlyList<string> dependsOn) : ReleaseStep
{
    public override string Name => StepNames.Build;

    public override IReadOnlyList<string> DependsOn => dependsOn;

    public override string Description => "run the [build] command once, then check the declared artifacts exist";

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return StepCondition.When("[build] configured", config.Build is not null, "no [build] in the configuration");
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var build = context.Config.Build!;
        var root = context.Config.RootDirectory;
        var log = Path.Combine(context.RunDirectory, "build.log");
        var result = await ShellCommand.RunAsync(
            build.Command,
            root,
            log,
            new Dictionary<string, string>(),
            context.Services.Redactor,
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw PipelineErrors.BuildFailed(result.ExitCode, Path.GetRelativePath(root, log));
        }

        var missing = build.Artifacts.Where(a => !File.Exists(context.Config.Resolve(a)) && !Directory.Exists(context.Config.Resolve(a))).ToList();
        if (missing.Count > 0)
        {
            throw PipelineErrors.ArtifactsMissing(missing);
        }

        var artifacts = new JsonArray();
        foreach (var artifact in build.Artifacts)
        {
            var path = context.Config.Resolve(artifact);
            var entry = new JsonObject { ["path"] = artifact, ["kind"] = File.Exists(path) ? "file" : "directory" };
            if (File.Exists(path))
            {
                await using var stream = File.OpenRead(path);
                entry["sha256"] = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            }

            artifacts.Add((JsonNode)entry);
        }

        return StepResult.Done(new JsonObject
        {
            ["log"] = Path.GetRelativePath(root, log),
            ["seconds"] = Math.Round(result.Duration.TotalSeconds, 3),
            ["artifacts"] = artifacts,
        });
    }
}
