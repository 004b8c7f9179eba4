using System.CommandLine;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway step NAME --run RUN</c> runs one step of a run (one CI job); <c>slipway step --next --run RUN</c> claims and
/// runs whichever step is ready. Exit 0 done (also when it had already succeeded), 1 failed, 3 awaiting approval,
/// 4 not ready (its dependencies are not done, or another runner holds a live claim on it).
/// </summary>
internal static class StepCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var name = new Argument<string?>("NAME") { Description = "The step to run (see 'slipway plan').", Arity = ArgumentArity.ZeroOrOne };
        var run = new Option<string>("--run") { Description = "The run the step belongs to (see 'slipway release --create-only').", HelpName = "RUN", Required = true };
        var next = new Option<bool>("--next") { Description = "Claim and run whichever step is ready instead of a named one." };
        var platform = new Option<string?>("--platform") { Description = "With 'build': build only this platform (for example linux/arm64).", HelpName = "PLATFORM" };
        var yes = new Option<bool>("--yes") { Description = "Journal an approval on behalf of --as / SLIPWAY_APPROVER before the approval step runs." };
        var approver = new Option<string?>("--as") { Description = "Who approves with --yes (default: SLIPWAY_APPROVER).", HelpName = "NAME" };
        var command = new Command("step", "Run one step of a run, or with --next whichever is ready. Exit 0 done (or already done), 1 failed, 3 awaiting approval, 4 not ready (what holds it is named).")
        {
            name, run, next, platform, yes, approver, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stepName = parse.GetValue(name);
            var isNext = parse.GetValue(next);
            if (stepName is null == !isNext)
            {
                throw SlipwayException.Input(
                    ErrorCode.InvalidUsage,
                    isNext ? "name a step or pass --next, not both" : "name the step to run, or pass --next",
                    "see 'slipway step --help'");
            }

            var stepPlatform = parse.GetValue(platform);
            if (stepPlatform is not null && stepName != StepNames.Build)
            {
                throw SlipwayException.Input(ErrorCode.InvalidUsage, $"--platform applies to the '{StepNames.Build}' step only", "see 'slipway step --help'");
            }

            var preApproved = parse.GetValue(yes)
                ? RunCommandSupport.Approver(host, parse.GetValue(approver)) ?? throw PipelineErrors.ApproverMissing("slipway step --yes")
                : null;
            var asJson = parse.GetValue(json);
            using var support = RunCommandSupport.Open(host, parse, asJson);
            var invocation = new RunInvocation(MaxParallelism: 1, NoRollback: true, PreApprovedBy: preApproved) { Platform = stepPlatform };
            var runId = parse.GetValue(run)!;
            var outcome = await support.ShowAsync(() => support.Session.StepAsync(runId, stepName, invocation, cancellationToken));
            Print(host, outcome, asJson);
            return outcome.ExitCode;
        });
        return command;
    }

    private static void Print(CliHost host, StepOutcome outcome, bool json)
    {
        var run = outcome.Run;
        var execution = outcome.Execution;
        var result = execution?.Kind switch
        {
            null => "run-done",
            StepExecutionKind.AlreadyDone => "already-done",
            StepExecutionKind.Succeeded => "succeeded",
            StepExecutionKind.Skipped => "skipped",
            StepExecutionKind.AwaitingApproval => "awaiting-approval",
            StepExecutionKind.Cancelled => "cancelled",
            StepExecutionKind.RollingBack => "rolling-back",
            _ => "failed",
        };
        var record = execution is null ? null : outcome.Plan[execution.Step].Record;
        if (json)
        {
            JsonOutput.Write(host.Out, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("run", run.Id);
                if (execution is null)
                {
                    writer.WriteNull("step");
                }
                else
                {
                    writer.WriteString("step", execution.Step);
                }

                writer.WriteString("result", result);
                writer.WriteString("stepStatus", record is null ? null : StatusNames.Of(record.Status));
                writer.WriteString("runStatus", StatusNames.Of(run.Status));
                if (execution?.Message is { } message)
                {
                    writer.WriteString("error", message);
                }

                writer.WriteEndObject();
            });
        }

        var text = json ? host.Err : host.Out;
        switch (execution?.Kind)
        {
            case null:
                text.WriteLine($"run {run.Id} is done ({StatusNames.Of(run.Status)}): no step is left to run");
                break;
            case StepExecutionKind.AlreadyDone:
                text.WriteLine($"step '{execution.Step}' of run {run.Id} had already {StatusNames.Of(record?.Status ?? StepStatus.Succeeded)}; nothing ran");
                break;
            case StepExecutionKind.Succeeded or StepExecutionKind.Skipped:
                text.WriteLine($"step '{execution.Step}' of run {run.Id} {result}; the run is {StatusNames.Of(run.Status)}");
                break;
            case StepExecutionKind.AwaitingApproval:
                text.WriteLine($"awaiting approval: slipway approve {run.Id}");
                break;
            case StepExecutionKind.RollingBack:
                host.Err.WriteLine($"slipway: step '{execution.Step}' of run {run.Id} is being rolled back; finish it with 'slipway rollback {run.Id}'");
                break;
            default:
                host.Err.WriteLine($"slipway: step '{execution.Step}' of run {run.Id} {result}{(execution.Message is null ? string.Empty : ": " + execution.Message.Split('\n')[0])}");
                host.Err.WriteLine($"  hint: fix the cause and run 'slipway step {execution.Step} --run {run.Id}' again, or 'slipway rollback {run.Id}'");
                break;
        }
    }
}
