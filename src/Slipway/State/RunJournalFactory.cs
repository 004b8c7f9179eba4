using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.State;

/// <summary>Opens the journal <c>[state] store</c> names.</summary>
public static class RunJournalFactory
{
    public static IRunJournal Open(StateSection state, IEnvironment environment, SecretRedactor redactor, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Kind switch
        {
            StateSection.PostgresKind => PostgresRunJournal.Open(state.Location, state.Password?.Resolve(environment, redactor), redactor, time),
            _ => SqliteRunJournal.Open(state.Location, redactor, time),
        };
    }
}
