using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.State;

/// <summary>Opens the journal <c>[state] store</c> names.</summary>
public static class RunJournalFactory
{
    public static IRunJournal Open(StateSection state, SecretRedactor redactor, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Kind switch
        {
            StateSection.SqliteKind => SqliteRunJournal.Open(state.Location, redactor, time),
            _ => throw SlipwayException.Input(ErrorCode.StateStoreInvalid, $"unknown state store '{state.Kind}'"),
        };
    }
}
