using System.CommandLine;
using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway status [RUN] [--json]</c>: a run's steps, outcomes, outputs and audit trail; the latest run by default.</summary>
internal static class StatusCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var run = new Argument<string?>("RUN") { Description = "The run to show (default: the latest).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show a run's steps, outcomes and durations.") { run, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var support = RunCommandSupport.Open(host, parse, parse.GetValue(json));
            var id = parse.GetValue(run);
            var record = id is null
                ? await support.Journal.LatestRunAsync(support.Config.Project.Name, cancellationToken)
                : await support.Journal.FindRunAsync(id, cancellationToken) ?? throw StateErrors.RunNotFound(id);
            if (record is null)
            {
                if (parse.GetValue(json))
                {
                    host.Out.WriteLine("null");
                }
                else
                {
                    host.Out.WriteLine($"no runs yet for {support.Config.Project.Name}");
                }

                return ExitCodes.Success;
            }

            var steps = await support.StepsAsync(record.Id, cancellationToken);
            if (parse.GetValue(json))
            {
                var events = await support.Journal.EventsAsync(record.Id, cancellationToken);
                JsonOutput.Write(host.Out, writer => RunText.WriteJson(writer, record, steps, events));
            }
            else
            {
                RunText.WriteTable(host.Out, record, steps);
                foreach (var entry in await support.Journal.EventsAsync(record.Id, cancellationToken))
                {
                    if (entry.Kind is RunEventKinds.Approved or RunEventKinds.Rejected || (entry.Kind == RunEventKinds.RolledBack && entry.Actor is not null))
                    {
                        host.Out.WriteLine($"{entry.Kind} by {entry.Actor} at {entry.At:u}{(entry.Detail is null ? string.Empty : ": " + entry.Detail)}");
                    }
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
