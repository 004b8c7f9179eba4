using Slipway.Git;
using Slipway.Pipeline.Outputs;
using Slipway.Versioning;

namespace Slipway.Pipeline.Steps;

/// <summary>Reads the version and renders the tag; journals version, tag and commit for every later step.</summary>
public sealed class DetectVersionStep : ReleaseStep
{
    public override string Name => StepNames.DetectVersion;

    public override IReadOnlyList<string> DependsOn => [];

    public override string Description => "read the version, render the release tag, record the commit to release";

    public override Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var repository = GitRepository.Open(context.Config.RootDirectory);
        var info = ReleaseDetector.Detect(context.Config.Project, context.Config.RootDirectory, repository);
        if (info.Version.ToString() != context.Run.Version)
        {
            throw PipelineErrors.VersionChanged(context.Run.Version, info.Version.ToString());
        }

        if (info.Commit != context.Run.Commit)
        {
            throw PipelineErrors.CommitMoved(context.Run.Commit, info.Commit);
        }

        context.Report($"{info.Version} from {info.VersionSource}, tag {info.Tag}, commit {info.ShortCommit}");
        return Task.FromResult(StepResult.Done(new DetectedVersion(info.Version.ToString(), info.Tag, info.Commit, info.Prerelease, context.FreeText(info.VersionSource))));
    }
}
