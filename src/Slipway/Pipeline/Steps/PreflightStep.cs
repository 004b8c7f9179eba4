using Slipway.Git;
using Slipway.Pipeline.Outputs;
using Slipway.Versioning;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Checks that the release may start: the tag does not exist here or on the remote, the commit is on the release
/// branch, the working tree is clean (unless the run was started with <c>--allow-dirty</c>), and the paths the
/// configuration makes it write stay inside the repository (<see cref="ConfiguredPaths"/>), and in GitHub Actions the
/// run's facts the provenance is written from are all there (<see cref="AttestProvenanceStep.RecordedRun"/>).
/// </summary>
public sealed class PreflightStep : ReleaseStep
{
    public const string AllowDirtyOption = "allowDirty";

    public override string Name => StepNames.Preflight;

    public override IReadOnlyList<string> DependsOn => [StepNames.DetectVersion];

    public override string Description => "the tag exists neither here nor on the remote, the commit is on the release branch, the tree is clean";

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detected = await context.OutputOfAsync<DetectedVersion>(StepNames.DetectVersion, cancellationToken);
        using var repository = GitRepository.Open(context.Config.RootDirectory);
        var info = ReleaseDetector.Detect(context.Config.Project, context.Config.RootDirectory, repository);
        if (info.Commit != context.Run.Commit)
        {
            throw PipelineErrors.CommitMoved(context.Run.Commit, info.Commit);
        }

        if (!info.ShouldRelease)
        {
            throw PipelineErrors.AlreadyReleased(info.Reason);
        }

        var allowDirty = context.Run.Options[AllowDirtyOption]?.GetValue<bool>() == true;
        if (info.Dirty && !allowDirty)
        {
            throw PipelineErrors.WorkingTreeDirty(info.DirtyPaths);
        }

        ConfiguredPaths.Check(
            context.Config,
            context.Services.Environment,
            context.Services.Redactor,
            detected.Version,
            DateOnly.FromDateTime(context.Run.CreatedAt.UtcDateTime));
        _ = AttestProvenanceStep.RecordedRun(context.Config, context.Services.Environment, info.Commit);
        context.Report(info.Reason);
        return StepResult.Done(new PreflightChecks(context.FreeText(info.Reason), info.Branch, [.. info.DirtyPaths]));
    }
}
