using System.CommandLine;
using Slipway.Pipeline;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway rollback RUN</c>: rolls back what an open run did (again, after a compensation failed).</summary>
internal static class RollbackCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var run = new Argument<string>("RUN") { Description = "The run to roll back (see 'slipway status')." };
        var command = new Command("rollback", "Roll back what a run did, later steps first.") { run, json };
        command.SetAction(async parse =>
        {
            using var support = RunCommandSupport.Open(host, parse, parse.GetValue(json));
            var outcome = await support.ShowAsync(() => support.Session.RollBackAsync(parse.GetValue(run)!, new RunInvocation()));
            return await support.FinishAsync(outcome);
        });
        return command;
    }
}
