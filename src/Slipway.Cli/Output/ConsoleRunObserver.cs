using System.Globalization;
using Slipway.Pipeline;

namespace Slipway.Cli;

/// <summary>
/// Shows a run as plain lines, one per event. Under GitHub Actions a failure is also an <c>::error::</c> annotation.
/// </summary>
internal sealed class ConsoleRunObserver(TextWriter output, bool githubActions) : IRunObserver
{
    private readonly Lock _gate = new();

    public void StepStarted(string stepName, int attempt) =>
        Line("start", stepName, attempt > 1 ? $"attempt {attempt}" : null);

    public void StepSucceeded(string stepName, TimeSpan duration) =>
        Line("ok", stepName, RunText.Duration(duration));

    public void StepSkipped(string stepName, string reason) => Line("skip", stepName, reason);

    public void StepFailed(string stepName, string message)
    {
        Line("FAILED", stepName, message);
        if (githubActions)
        {
            Write($"::error title=slipway {stepName}::{GitHubActions.Escape(message)}");
        }
    }

    public void StepAwaitingApproval(string stepName) => Line("wait", stepName, "awaiting approval");

    public void StepMessage(string stepName, string message) => Line(string.Empty, stepName, message);

    public void Compensating(string stepName) => Line("undo", stepName, null);

    public void Compensated(string stepName) => Line("undone", stepName, null);

    public void CompensationFailed(string stepName, string message)
    {
        Line("UNDO FAILED", stepName, message);
        if (githubActions)
        {
            Write($"::error title=slipway rollback of {stepName}::{GitHubActions.Escape(message)}");
        }
    }

    private void Line(string what, string step, string? detail) =>
        Write(string.Create(CultureInfo.InvariantCulture, $"{what,-11} {step}{(detail is null ? string.Empty : ": " + detail)}"));

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
