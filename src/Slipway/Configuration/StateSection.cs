namespace Slipway.Configuration;

/// <summary><c>[state]</c>: where the run journal lives. <c>sqlite:PATH</c> (relative to the repository root) is the embedded default.</summary>
public sealed record StateSection(string Kind, string Location)
{
    public const string SqliteKind = "sqlite";
    public const string DefaultSqlitePath = ".slipway/state.db";

    internal static StateSection Read(ConfigTable? table, string rootDirectory)
    {
        var store = table?.GetString("store");
        table?.EnsureNoUnknownKeys();
        if (store is null)
        {
            return new StateSection(SqliteKind, System.IO.Path.GetFullPath(System.IO.Path.Combine(rootDirectory, DefaultSqlitePath)));
        }

        const string Prefix = SqliteKind + ":";
        if (!store.StartsWith(Prefix, StringComparison.Ordinal) || store.Length == Prefix.Length)
        {
            // PostgreSQL is the planned shared store; until it exists, say what works.
            throw table!.Invalid("store", $"is '{store}'; write sqlite:PATH (for example sqlite:{DefaultSqlitePath})");
        }

        return new StateSection(SqliteKind, System.IO.Path.GetFullPath(System.IO.Path.Combine(rootDirectory, store[Prefix.Length..])));
    }
}
