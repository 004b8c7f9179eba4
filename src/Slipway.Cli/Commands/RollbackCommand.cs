using System.CommandLine;
using Slipway.Pipeline;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway rollback RUN [--as NAME]</c>: rolls back what an open run did (again, after a compensation failed).</summary>
internal static class RollbackCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var run = new Argument<string>("RUN") { Description = "The run to roll back (see 'slipway status')." };
        var actor = new Option<string?>("--as")
        {
            Description = "Who rolls back, journaled on the run: required for a run awaiting approval, and then must be an approver; default SLIPWAY_APPROVER (there is no other default). A blank NAME names no one.",
            HelpName = "NAME",
        };
        var command = new Command(
            "rollback",
            "Roll back what a run did, later steps first. Rolling back a run that awaits approval decides that approval, as reject does: who rolls back comes from --as NAME, else SLIPWAY_APPROVER, and must be an approver; with neither, rollback is refused (SLW8009) and changes nothing.") { run, actor, json };
        command.SetAction(async parse =>
        {
            var name = RunCommandSupport.Approver(host, parse.GetValue(actor));
            using var support = RunCommandSupport.Open(host, parse, parse.GetValue(json));
            var outcome = await support.ShowAsync(() => support.Session.RollBackAsync(parse.GetValue(run)!, name, new RunInvocation()));
            return await support.FinishAsync(outcome);
        });
        return command;
    }
}
