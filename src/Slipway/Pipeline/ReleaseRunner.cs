using Slipway.Configuration;
using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>
/// Drives a run to the end in this process: a loop over the <see cref="Planner"/> and the <see cref="StepExecutor"/>.
/// Each pass plans from the journal and executes the ready steps, independent ones in parallel up to a bound; steps
/// other runners hold are waited for, never run twice. A step found failed or awaiting approval when the loop starts
/// runs again once. A failure before the point of no return rolls back what this run did, later steps first; after
/// it, the run stays failed and resumable.
/// </summary>
public sealed partial class ReleaseRunner
{
    private readonly StepGraph _graph;
    private readonly SlipwayConfig _config;
    private readonly IRunJournal _journal;
    private readonly RunServices _services;
    private readonly IRunObserver _observer;
    private readonly StepExecutor _executor;

    public ReleaseRunner(StepGraph graph, SlipwayConfig config, IRunJournal journal, RunServices services, IRunObserver observer)
    {
        ArgumentNullException.ThrowIfNull(services);
        _graph = graph;
        _config = config;
        _journal = journal;
        _services = services;
        _observer = observer;
        _executor = new StepExecutor(graph, config, journal, services, observer);
    }

    public StepExecutor Executor => _executor;

    public async Task<RunOutcome> ExecuteAsync(RunRecord run, RunInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(invocation);
        await _journal.SetRunStatusAsync(run.Id, RunStatus.Running, open: true, CancellationToken.None);
        var first = await PlanAsync(run.Id);
        var retry = new HashSet<string>(
            first.Steps.Where(s => s.Record?.Status is StepStatus.Failed or StepStatus.AwaitingApproval).Select(s => s.Name),
            StringComparer.Ordinal);
        var running = new Dictionary<Task<StepExecution>, string>();
        var stop = false;
        StepExecution? failure = null;
        StepExecution? awaiting = null;
        var parallelism = Math.Max(1, invocation.MaxParallelism);
        var poll = TimeSpan.FromMilliseconds(Math.Clamp(_executor.Lease.TotalMilliseconds / 4, 50, 1000));

        while (true)
        {
            var othersRunning = false;
            if (!stop && !cancellationToken.IsCancellationRequested)
            {
                var plan = await PlanAsync(run.Id);
                othersRunning = plan.InState(StepState.Running).Any(s => !running.ContainsValue(s.Name));
                foreach (var step in plan.Steps)
                {
                    if (running.Count >= parallelism)
                    {
                        break;
                    }

                    var runnable = step.State == StepState.Ready || (step.State is StepState.Failed or StepState.AwaitingApproval && retry.Remove(step.Name));
                    if (runnable && !running.ContainsValue(step.Name))
                    {
                        running.Add(StartAsync(run, step.Name, invocation, cancellationToken), step.Name);
                    }
                }
            }

            if (running.Count == 0 && !othersRunning)
            {
                break;
            }

            Task<StepExecution>? finished;
            if (running.Count == 0)
            {
                // Only other runners' steps are in progress: wait for them to finish or for their leases to run out.
                try
                {
                    await Task.Delay(poll, _services.Time, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }

                continue;
            }

            if (othersRunning)
            {
                var any = await Task.WhenAny([.. running.Keys.Cast<Task>(), Task.Delay(poll, _services.Time, CancellationToken.None)]);
                finished = any as Task<StepExecution>;
                if (finished is null)
                {
                    continue;
                }
            }
            else
            {
                finished = await Task.WhenAny(running.Keys);
            }

            running.Remove(finished);
            var result = await finished;
            switch (result.Kind)
            {
                case StepExecutionKind.AwaitingApproval:
                    awaiting ??= result;
                    stop = true;
                    break;
                case StepExecutionKind.Failed or StepExecutionKind.Cancelled or StepExecutionKind.RollingBack:
                    failure ??= result;
                    stop = true;
                    break;
            }
        }

        if (cancellationToken.IsCancellationRequested || failure?.Kind == StepExecutionKind.Cancelled)
        {
            return await CancelledAsync(run, invocation);
        }

        if (failure is not null)
        {
            return await FailedAsync(run, invocation, failure);
        }

        var final = await PlanAsync(run.Id);
        if (awaiting is not null || final.Status == RunStatus.AwaitingApproval)
        {
            await _journal.SetRunStatusAsync(run.Id, RunStatus.AwaitingApproval, open: true, CancellationToken.None);
            return await OutcomeAsync(run.Id, $"slipway approve {run.Id}");
        }

        if (final.Status == RunStatus.Succeeded)
        {
            await _journal.SetRunStatusAsync(run.Id, RunStatus.Succeeded, open: false, CancellationToken.None);
            return await OutcomeAsync(run.Id, null);
        }

        // Another runner's step failed while this one waited for it: that runner decides what happens next.
        var failed = final.InState(StepState.Failed).FirstOrDefault();
        await _journal.SetRunStatusAsync(run.Id, final.Status, open: true, CancellationToken.None);
        return await OutcomeAsync(
            run.Id,
            failed is null ? $"see 'slipway status {run.Id}'" : $"'{failed.Name}' failed in another runner; see 'slipway status {run.Id}'",
            failed?.Record?.Error);
    }

    internal StepContext ContextFor(string stepName, RunRecord run, RunInvocation invocation) => _executor.ContextFor(stepName, run, invocation);

    /// <summary>The run as the planner sees it now.</summary>
    public async Task<RunPlan> PlanAsync(string runId) =>
        Planner.Plan(_graph, await _journal.StepsAsync(runId, CancellationToken.None), _services.Time.GetUtcNow());

    private async Task<StepExecution> StartAsync(RunRecord run, string stepName, RunInvocation invocation, CancellationToken cancellationToken)
    {
        // Let the loop start sibling steps before this one does any work.
        await Task.Yield();
        return await _executor.RunAsync(run, stepName, invocation, cancellationToken);
    }

    private async Task<RunOutcome> OutcomeAsync(string runId, string? instruction, string? failure = null)
    {
        var run = await _journal.FindRunAsync(runId, CancellationToken.None) ?? throw StateErrors.RunNotFound(runId);
        return new RunOutcome(run, instruction, failure);
    }
}
