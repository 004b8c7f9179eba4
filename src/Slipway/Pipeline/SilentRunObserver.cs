namespace Slipway.Pipeline;

/// <summary>An observer that shows nothing.</summary>
public sealed class SilentRunObserver : IRunObserver
{
    public static SilentRunObserver Instance { get; } = new();

    public void StepStarted(string stepName, int attempt)
    {
    }

    public void StepSucceeded(string stepName, TimeSpan duration)
    {
    }

    public void StepSkipped(string stepName, string reason)
    {
    }

    public void StepFailed(string stepName, string message)
    {
    }

    public void StepAwaitingApproval(string stepName)
    {
    }

    public void StepMessage(string stepName, string message)
    {
    }

    public void Compensating(string stepName)
    {
    }

    public void Compensated(string stepName)
    {
    }

    public void CompensationFailed(string stepName, string message)
    {
    }
}
