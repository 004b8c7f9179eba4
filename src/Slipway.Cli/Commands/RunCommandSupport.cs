using System.CommandLine;
using Slipway.Git;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Cli.Commands;

/// <summary>What the run commands share: the journal, the graph, the session, and how a run's outcome is shown.</summary>
internal sealed class RunCommandSupport : IDisposable
{
    private readonly CliHost _host;
    private readonly bool _json;
    private readonly LiveRunView? _live;
    private readonly StepGraph _graph;

    private RunCommandSupport(CliHost host, CommandContext context, bool json)
    {
        _host = host;
        _json = json;
        Context = context;
        Config = context.LoadConfig(GitRepository.FindWorkingDirectory(context.Directory));
        Journal = RunJournalFactory.Open(Config.State, host.Environment, host.Redactor, host.Time);
        var graph = ReleaseComposition.Graph(Config);
        _graph = graph;
        IRunObserver observer;
        if (host.IsTerminal && !json && !GitHubActions.IsActive(host))
        {
            _live = new LiveRunView(host.Out, graph.Order.Select(s => s.Name));
            observer = _live;
        }
        else
        {
            observer = new ConsoleRunObserver(json ? host.Err : host.Out, GitHubActions.IsActive(host));
        }

        var services = new RunServices(host.Environment, host.Redactor, host.Time, RunOwner.ForThisProcess());
        Session = new ReleaseSession(Config, Journal, graph, services, observer);
    }

    public CommandContext Context { get; }

    public Configuration.SlipwayConfig Config { get; }

    public IRunJournal Journal { get; }

    public ReleaseSession Session { get; }

    public static RunCommandSupport Open(CliHost host, ParseResult parse, bool json) => new(host, new CommandContext(host, parse), json);

    /// <summary>A run's steps as the summary, <c>status</c> and the GitHub summary list them: in graph order.</summary>
    public async Task<IReadOnlyList<StepRecord>> StepsAsync(string runId, CancellationToken cancellationToken = default) =>
        _graph.InOrder(await Journal.StepsAsync(runId, cancellationToken));

    /// <summary>Runs <paramref name="work"/> under the live view on a terminal, or plainly (line per event) otherwise.</summary>
    public async Task<T> ShowAsync<T>(Func<Task<T>> work)
    {
        if (_live is null)
        {
            return await work();
        }

        _host.ExactOutput = true;
        try
        {
            return await _live.ShowAsync(work);
        }
        finally
        {
            _host.ExactOutput = _json;
        }
    }

    /// <summary>The approver named by <c>--as</c>, else <c>SLIPWAY_APPROVER</c>, else null; a blank name (<c>--as ""</c>) names no one.</summary>
    public static string? Approver(CliHost host, string? given)
    {
        var name = given ?? host.Environment.GetVariable("SLIPWAY_APPROVER");
        return string.IsNullOrWhiteSpace(name) ? null : name;
    }

    /// <summary>Prints the run record (table or JSON), the next instruction, the GitHub summary; returns the exit code.</summary>
    public async Task<int> FinishAsync(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var run = outcome.Run;
        var steps = await StepsAsync(run.Id);
        if (_json)
        {
            var events = await Journal.EventsAsync(run.Id);
            JsonOutput.Write(_host.Out, writer => RunText.WriteJson(writer, run, steps, events));
        }
        else
        {
            _host.Out.WriteLine();
            RunText.WriteTable(_host.Out, run, steps);
        }

        if (outcome.Instruction is { } instruction)
        {
            var target = _json ? _host.Err : _host.Out;
            target.WriteLine(run.Status == RunStatus.AwaitingApproval ? $"awaiting approval: {instruction}" : instruction);
        }

        if (outcome.ExitCode is Diagnostics.ExitCodes.Failed or Diagnostics.ExitCodes.InvalidInput)
        {
            _host.Err.WriteLine($"slipway: run {run.Id} {StatusNames.Of(run.Status)}{(outcome.Failure is null ? string.Empty : ": " + outcome.Failure.Split('\n')[0])}");
        }

        if (GitHubActions.IsActive(_host))
        {
            GitHubActions.AppendSummary(_host, RunText.Markdown(run, steps));
        }

        return outcome.ExitCode;
    }

    public void Dispose() => Journal.Dispose();
}
