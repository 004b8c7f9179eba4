using System.CommandLine;
using Slipway.Git;
using Slipway.Pipeline;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway resume RUN [--force] [--yes]</c>: continues a failed or interrupted run from its journal.</summary>
internal static class ResumeCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var run = new Argument<string>("RUN") { Description = "The run to continue (see 'slipway status')." };
        var force = new Option<bool>("--force") { Description = "Resume even though the configuration or the commit changed since the run started (never while another runner holds a step under a live lease)." };
        var yes = new Option<bool>("--yes") { Description = "Approve in this process on behalf of --as / SLIPWAY_APPROVER." };
        var approver = new Option<string?>("--as") { Description = "Who approves with --yes (default: SLIPWAY_APPROVER).", HelpName = "NAME" };
        var noRollback = new Option<bool>("--no-rollback") { Description = "On failure or Ctrl+C, leave everything in place." };
        var command = new Command("resume", "Continue a failed or interrupted run.") { run, force, yes, approver, noRollback, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var preApproved = parse.GetValue(yes)
                ? RunCommandSupport.Approver(host, parse.GetValue(approver)) ?? throw PipelineErrors.ApproverMissing("slipway resume --yes")
                : null;
            using var support = RunCommandSupport.Open(host, parse, parse.GetValue(json));
            string head;
            using (var repository = GitRepository.Open(support.Context.Directory))
            {
                head = repository.HeadCommit;
            }

            var invocation = new RunInvocation(NoRollback: parse.GetValue(noRollback), PreApprovedBy: preApproved);
            var outcome = await support.ShowAsync(() => support.Session.ResumeAsync(parse.GetValue(run)!, head, parse.GetValue(force), invocation, cancellationToken));
            return await support.FinishAsync(outcome);
        });
        return command;
    }
}
