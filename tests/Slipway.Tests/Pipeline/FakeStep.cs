using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Slipway.Pipeline;

namespace Slipway.Tests.Pipeline;

/// <summary>An in-memory step that records what it did in a shared log, and fails or waits as told.</summary>
public sealed class FakeStep(string name, params string[] dependsOn) : ReleaseStep
{
    public override string Name => name;

    public override IReadOnlyList<string> DependsOn => dependsOn;

    public override string Description => $"fake {name}";

    public ConcurrentQueue<string> Log { get; init; } = new();

    public bool Compensable { get; init; } = true;

    public bool IsIrreversible { get; init; }

    public Func<int, Exception?>? FailOnAttempt { get; init; }

    public Exception? CompensationFailure { get; set; }

    public TimeSpan Delay { get; init; }

    public bool WaitsForApproval { get; init; }

    public Func<Slipway.Configuration.SlipwayConfig, StepCondition>? When { get; init; }

    public int Executions { get; private set; }

    public override bool CanCompensate => Compensable;

    public override bool Irreversible => IsIrreversible;

    public override StepCondition Condition(Slipway.Configuration.SlipwayConfig config) => When?.Invoke(config) ?? StepCondition.Always;

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        Executions++;
        Log.Enqueue($"start {name}");
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (FailOnAttempt?.Invoke(Executions) is { } failure)
        {
            Log.Enqueue($"fail {name}");
            throw failure;
        }

        if (WaitsForApproval)
        {
            var events = await context.Journal.EventsAsync(context.Run.Id, cancellationToken);
            if (!events.Any(e => e.Kind == Slipway.State.RunEventKinds.Approved))
            {
                return StepResult.WaitForApproval();
            }
        }

        Log.Enqueue($"end {name}");
        return StepResult.Done(new JsonObject { ["did"] = name });
    }

    public override Task CompensateAsync(StepContext context, JsonObject outputs, CancellationToken cancellationToken)
    {
        if (CompensationFailure is { } failure)
        {
            Log.Enqueue($"undo-failed {name}");
            throw failure;
        }

        Log.Enqueue($"undo {name} {outputs["did"]?.GetValue<string>() ?? "(no outputs)"}");
        return Task.CompletedTask;
    }
}
