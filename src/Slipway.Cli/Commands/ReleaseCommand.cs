using System.CommandLine;
using Slipway.Diagnostics;
using Slipway.Git;
using Slipway.Pipeline;
using Slipway.Versioning;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway release</c>: starts the release run for the detected version, or continues the open one.</summary>
internal static class ReleaseCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var yes = new Option<bool>("--yes") { Description = "Approve in this process on behalf of --as / SLIPWAY_APPROVER (who must be an approver)." };
        var approver = new Option<string?>("--as") { Description = "Who approves with --yes (default: SLIPWAY_APPROVER).", HelpName = "NAME" };
        var allowDirty = new Option<bool>("--allow-dirty") { Description = "Release even with uncommitted changes in the working tree." };
        var noRollback = new Option<bool>("--no-rollback") { Description = "On failure or Ctrl+C, leave everything in place for 'slipway resume' or 'slipway rollback'." };
        var command = new Command("release", "Start or continue the release run for the detected version.")
        {
            json, yes, approver, allowDirty, noRollback,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var preApproved = parse.GetValue(yes)
                ? RunCommandSupport.Approver(host, parse.GetValue(approver)) ?? throw PipelineErrors.ApproverMissing("slipway release --yes")
                : null;
            using var support = RunCommandSupport.Open(host, parse, parse.GetValue(json));
            ReleaseInfo info;
            string head;
            using (var repository = GitRepository.Open(support.Context.Directory))
            {
                info = ReleaseDetector.Detect(support.Config.Project, support.Config.RootDirectory, repository);
                head = repository.HeadCommit;
            }

            var invocation = new RunInvocation(NoRollback: parse.GetValue(noRollback), PreApprovedBy: preApproved);
            var outcome = await support.ShowAsync(() => support.Session.ReleaseAsync(info, parse.GetValue(allowDirty), invocation, cancellationToken));
            if (outcome is null)
            {
                host.Out.WriteLine($"nothing to release: {info.Reason}");
                return ExitCodes.Success;
            }

            return await support.FinishAsync(outcome);
        });
        return command;
    }
}
