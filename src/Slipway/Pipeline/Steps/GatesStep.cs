using System.Globalization;
using Slipway.Configuration;
using Slipway.Gates;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Steps;

/// <summary>
/// Runs every <c>[[gate]]</c> command from the repository root, all at once, each with its log kept under
/// <c>.slipway/runs/RUN/gates/</c>. Any non-zero exit fails the step once all gates have finished.
/// </summary>
public sealed class GatesStep : ReleaseStep
{
    public override string Name => StepNames.Gates;

    public override IReadOnlyList<string> DependsOn => [StepNames.Preflight];

    public override string Description => "run the [[gate]] commands in parallel, each with its own log";

    public override StepCondition Condition(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return StepCondition.When("[[gate]] configured", config.Gates.Count > 0, "no [[gate]] in the configuration");
    }

    public override async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = Path.Combine(context.RunDirectory, "gates");
        var services = context.Services;
        var runs = context.Config.Gates.Select(async gate =>
        {
            // Values read from env:NAME are secrets (masked everywhere); literal values are plain settings like CI=true.
            var environment = gate.Environment.ToDictionary(
                e => e.Key,
                e => e.Value.Variable is null ? e.Value.Literal! : e.Value.Resolve(services.Environment, services.Redactor),
                StringComparer.Ordinal);
            var log = Path.Combine(directory, gate.Name + ".log");
            var result = await ShellCommand.RunAsync(gate.Command, context.Config.RootDirectory, log, environment, services.Redactor, cancellationToken);
            context.Report(result.ExitCode == 0
                ? $"gate {gate.Name} passed ({result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s)"
                : $"gate {gate.Name} failed with exit code {result.ExitCode}; last lines:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", result.Tail.TakeLast(5))}");
            return (Gate: gate, Result: result, Log: Path.GetRelativePath(context.Config.RootDirectory, log));
        }).ToList();
        var results = await Task.WhenAll(runs);

        var failed = results.Where(r => r.Result.ExitCode != 0).ToList();
        if (failed.Count == 1)
        {
            throw PipelineErrors.GateFailed(failed[0].Gate.Name, failed[0].Result.ExitCode, failed[0].Log);
        }

        if (failed.Count > 1)
        {
            throw PipelineErrors.GatesFailed([.. failed.Select(f => f.Gate.Name)], Path.GetRelativePath(context.Config.RootDirectory, directory));
        }

        return StepResult.Done(new GateRuns([.. results.Select(r => new GateRun(r.Gate.Name, r.Result.ExitCode, Math.Round(r.Result.Duration.TotalSeconds, 3), r.Log))]));
    }
}
