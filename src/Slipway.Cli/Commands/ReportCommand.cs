using System.CommandLine;
using Slipway.Cli.Web;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway report RUN --out FILE.html</c>: the run page as one self-contained file (styles inline, no script, no links to a server).</summary>
internal static class ReportCommand
{
    public static Command Create(CliHost host)
    {
        var run = new Argument<string>("RUN") { Description = "The run to report (see 'slipway status')." };
        var output = new Option<string>("--out") { Description = "The HTML file to write.", HelpName = "FILE", Required = true };
        var command = new Command("report", "Write a run's page as one self-contained HTML file (for CI artifacts and the job summary).") { run, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var support = RunCommandSupport.Open(host, parse, json: false);
            var graph = ReleaseComposition.Graph(support.Config);
            var id = parse.GetValue(run)!;
            var details = await RunDetails.LoadAsync(support.Journal, graph, id, cancellationToken) ?? throw StateErrors.RunNotFound(id);
            var path = support.Context.ResolvePath(parse.GetValue(output)!);
            var html = RunPage.Render(details, support.Config, Caller.Anonymous, string.Empty, await RunCommits.SinceAsync(support.Config, support.Journal, details, cancellationToken), report: true);
            try
            {
                await File.WriteAllTextAsync(path, html, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw WebErrors.ReportOutputInvalid(support.Context.Shown(path), e.Message);
            }

            host.Out.WriteLine(support.Context.Shown(path));
            return ExitCodes.Success;
        });
        return command;
    }
}
