namespace Slipway.Configuration;

/// <summary>
/// <c>[state]</c>: where the run journal lives. <c>sqlite:PATH</c> (relative to the repository root) is the embedded
/// default; <c>postgres:CONNECTION-STRING</c> is a shared database, its password given apart as <c>password = "env:NAME"</c>.
/// </summary>
public sealed record StateSection(string Kind, string Location, Secret? Password = null)
{
    public const string SqliteKind = "sqlite";
    public const string PostgresKind = "postgres";
    public const string DefaultSqlitePath = ".slipway/state.db";

    internal static StateSection Read(ConfigTable? table, string rootDirectory)
    {
        var store = table?.GetString("store");
        var password = table?.GetSecret("password");
        table?.EnsureNoUnknownKeys();
        if (store is null)
        {
            return new StateSection(SqliteKind, System.IO.Path.GetFullPath(System.IO.Path.Combine(rootDirectory, DefaultSqlitePath)));
        }

        var colon = store.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? store : store[..colon];
        var location = colon < 0 ? string.Empty : store[(colon + 1)..];
        if (kind is SqliteKind && location.Length > 0)
        {
            // SQLite needs no password; one given is kept all the same, so that it is masked like any configured secret.
            return new StateSection(SqliteKind, System.IO.Path.GetFullPath(System.IO.Path.Combine(rootDirectory, location)), password);
        }

        if (kind is PostgresKind or "postgresql" && location.Length > 0)
        {
            if (location.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                throw table!.Invalid("store", "must not hold the password; write password = \"env:NAME\" beside it");
            }

            return new StateSection(PostgresKind, location, password);
        }

        throw table!.Invalid("store", $"is '{store}'; write sqlite:PATH (for example sqlite:{DefaultSqlitePath}) or postgres:Host=...;Database=...");
    }
}
