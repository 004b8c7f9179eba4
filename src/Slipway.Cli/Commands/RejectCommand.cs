using System.CommandLine;
using Slipway.Pipeline;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway reject RUN --as NAME [--reason TEXT]</c>: records the rejection and rolls back what the run did (registering the configured secrets first).</summary>
internal static class RejectCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var run = new Argument<string>("RUN") { Description = "The run to reject (see 'slipway status')." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record.", HelpName = "TEXT" };
        var approver = new Option<string?>("--as")
        {
            Description = "Who rejects: required unless SLIPWAY_APPROVER is set (there is no other default); must be an approver. A blank NAME names no one and is refused.",
            HelpName = "NAME",
        };
        var command = new Command(
            "reject",
            "Reject a run that awaits approval, and roll it back. Who rejects comes from --as NAME, else SLIPWAY_APPROVER, and must be an approver; with neither, reject is refused (SLW8009) and changes nothing.") { run, reason, approver, json };
        command.SetAction(async parse =>
        {
            var name = RunCommandSupport.Approver(host, parse.GetValue(approver)) ?? throw PipelineErrors.ApproverMissing("slipway reject");
            using var support = RunCommandSupport.Open(host, parse, parse.GetValue(json));
            var outcome = await support.ShowAsync(() => support.Session.RejectAsync(parse.GetValue(run)!, name, parse.GetValue(reason), new RunInvocation()));
            return await support.FinishAsync(outcome);
        });
        return command;
    }
}
