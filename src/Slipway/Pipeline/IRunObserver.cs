namespace Slipway.Pipeline;

/// <summary>Receives the events of a run as they happen, for the console (or a test) to show.</summary>
public interface IRunObserver
{
    void StepStarted(string stepName, int attempt);

    void StepSucceeded(string stepName, TimeSpan duration);

    void StepSkipped(string stepName, string reason);

    void StepFailed(string stepName, string message);

    void StepAwaitingApproval(string stepName);

    void StepMessage(string stepName, string message);

    void Compensating(string stepName);

    void Compensated(string stepName);

    void CompensationFailed(string stepName, string message);
}
