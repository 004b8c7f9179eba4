namespace Slipway.State;

public enum RunDecisionOutcome
{
    Recorded,
    NotFound,
    NotAwaitingApproval,
    AlreadyDecided,
    ConfigurationChanged,
}
