using System.CommandLine;
using Slipway.Pipeline;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway approve RUN [--as NAME]</c>: records the approval and continues the run in this process.</summary>
internal static class ApproveCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var run = new Argument<string>("RUN") { Description = "The run to approve (see 'slipway status')." };
        var approver = new Option<string?>("--as") { Description = "Who approves (default: SLIPWAY_APPROVER).", HelpName = "NAME" };
        var command = new Command("approve", "Approve a run that awaits approval, and continue it.") { run, approver, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = RunCommandSupport.Approver(host, parse.GetValue(approver)) ?? throw PipelineErrors.ApproverMissing("slipway approve");
            using var support = RunCommandSupport.Open(host, parse, parse.GetValue(json));
            var outcome = await support.ShowAsync(() => support.Session.ApproveAsync(parse.GetValue(run)!, name, new RunInvocation(), cancellationToken));
            return await support.FinishAsync(outcome);
        });
        return command;
    }
}
