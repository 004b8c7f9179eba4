using Slipway.Diagnostics;

namespace Slipway.State;

/// <summary>Every user-facing message of the run journal, in one place.</summary>
public static class StateErrors
{
    public static SlipwayException AnotherRunOpen(string project, string version) =>
        SlipwayException.Input(
            ErrorCode.RunAlreadyActive,
            $"another run for {project} {version} is open",
            "see 'slipway status' and finish that run first");

    public static SlipwayException RunNotFound(string runId) =>
        SlipwayException.Input(ErrorCode.RunNotFound, $"no run '{runId}' in the journal", "see 'slipway status' for the latest run");

    public static SlipwayException SchemaTooNew(string path, long found, int known) =>
        SlipwayException.Input(
            ErrorCode.JournalSchemaTooNew,
            $"{path}: the journal has schema version {found}, newer than this slipway knows ({known})",
            "upgrade slipway");

    public static SlipwayException StoreUnreachable(string store, string reason) =>
        SlipwayException.Failure(ErrorCode.StateStoreUnreachable, $"cannot open the run journal at {store}: {reason}");

    public static SlipwayException JournalUnreadable(string store, string reason) =>
        SlipwayException.Failure(
            ErrorCode.JournalUnreadable,
            $"{store} is not a Slipway journal ({reason})",
            "restore it from a backup, or move it away to start a new journal (the runs it recorded are then forgotten)");

    public static SlipwayException JournalLocked(string store, TimeSpan waited) =>
        SlipwayException.Failure(
            ErrorCode.JournalLocked,
            $"{store} is locked by another process (waited {waited.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s)",
            "another slipway (or a tool holding the file open) is writing to it; try again when it has finished");

    public static SlipwayException IllegalTransition(string what, string from, string to) =>
        SlipwayException.Failure(
            ErrorCode.IllegalTransition,
            $"internal error: {what} cannot go from {from} to {to} (this is a bug in Slipway; please report it)");

    public static SlipwayException StepClaimLost(string runId, string stepName, RunOwner owner, StepLease? holder) =>
        SlipwayException.Failure(
            ErrorCode.StepClaimLost,
            $"step '{stepName}' of run {runId} is no longer held by {owner}: {(holder is null ? "its claim ended" : $"its lease ran out and {holder.Holder} took it over")}; nothing was journaled",
            holder is null ? $"see 'slipway status {runId}'" : "the runner holding the step journals its result");
}
