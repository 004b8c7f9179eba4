using System.Text.Json.Nodes;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline;

/// <summary>What a step's execution produced: its outputs, or that it waits for a human.</summary>
public sealed record StepResult(JsonObject Outputs, bool AwaitingApproval = false)
{
    public static StepResult Done(JsonObject outputs) => new(outputs);

    public static StepResult Done<T>(T output)
        where T : IStepOutput<T> => new(StepOutputJson.Write(output));

    public static StepResult Done() => new([]);

    public static StepResult WaitForApproval() => new([], true);
}
