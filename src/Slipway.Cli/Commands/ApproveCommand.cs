using System.CommandLine;
using Slipway.Pipeline;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway approve RUN [--as NAME] [--no-continue]</c>: records the approval and continues the run in this process,
/// or with <c>--no-continue</c> leaves the rest to the runners waiting in the approval step (the CI jobs).
/// </summary>
internal static class ApproveCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var run = new Argument<string>("RUN") { Description = "The run to approve (see 'slipway status')." };
        var approver = new Option<string?>("--as") { Description = "Who approves (default: SLIPWAY_APPROVER).", HelpName = "NAME" };
        var noContinue = new Option<bool>("--no-continue")
        {
            Description = "Only record the approval; the job waiting in 'slipway step approval' and the jobs after it run the rest.",
        };
        var command = new Command("approve", "Approve a run that awaits approval, and continue it.") { run, approver, noContinue, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = RunCommandSupport.Approver(host, parse.GetValue(approver)) ?? throw PipelineErrors.ApproverMissing("slipway approve");
            using var support = RunCommandSupport.Open(host, parse, parse.GetValue(json));
            var outcome = await support.ShowAsync(() => support.Session.ApproveAsync(parse.GetValue(run)!, name, new RunInvocation(), cancellationToken, continueRun: !parse.GetValue(noContinue)));
            var exit = await support.FinishAsync(outcome);

            // With --no-continue the approval is what was asked for: recorded, it succeeded; the run still waits for its runner.
            return parse.GetValue(noContinue) && exit == Diagnostics.ExitCodes.AwaitingApproval ? Diagnostics.ExitCodes.Success : exit;
        });
        return command;
    }
}
