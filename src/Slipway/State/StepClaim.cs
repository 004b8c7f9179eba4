namespace Slipway.State;

/// <summary>
/// The answer to a claim on a step: <see cref="Claimed"/>, or why not — another runner's live lease
/// (<see cref="HeldBy"/>), or a status no runner may claim (succeeded, skipped, being rolled back).
/// </summary>
public sealed record StepClaim(bool Claimed, StepStatus Status, StepLease? HeldBy)
{
    public static StepClaim Won(StepStatus status) => new(true, status, null);
}
