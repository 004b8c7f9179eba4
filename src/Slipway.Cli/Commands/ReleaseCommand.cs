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
        var createOnly = new Option<bool>("--create-only") { Description = "Create the run (every step pending) and print its id, for 'slipway step ... --run ID'; run nothing." };
        var command = new Command("release", "Start or continue the release run for the detected version.")
        {
            json, yes, approver, allowDirty, noRollback, createOnly,
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
            if (parse.GetValue(createOnly))
            {
                var start = await support.Session.CreateAsync(info, parse.GetValue(allowDirty), invocation, cancellationToken);
                PrintCreated(host, start, info, parse.GetValue(json));
                return ExitCodes.Success;
            }

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

    private static void PrintCreated(CliHost host, Slipway.State.RunStart? start, ReleaseInfo info, bool json)
    {
        if (json)
        {
            JsonOutput.Write(host.Out, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", start?.Run.Id);
                if (start is null)
                {
                    writer.WriteString("reason", info.Reason);
                }
                else
                {
                    writer.WriteBoolean("created", start.Created);
                }

                writer.WriteEndObject();
            });
        }
        else if (start is null)
        {
            host.Out.WriteLine($"nothing to release: {info.Reason}");
        }
        else
        {
            host.Out.WriteLine(start.Run.Id);
            host.Err.WriteLine(start.Created
                ? $"created run {start.Run.Id} for {start.Run.Project} {start.Run.Version}; run its steps with 'slipway step NAME --run {start.Run.Id}'"
                : $"run {start.Run.Id} for {start.Run.Project} {start.Run.Version} is already open");
        }
    }
}
