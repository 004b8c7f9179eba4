namespace Slipway.Configuration;

/// <summary>
/// <c>[state]</c>: where the run journal lives. <c>sqlite:PATH</c> (relative to the repository root) is the embedded
/// default; <c>postgres:CONNECTION-STRING</c> is a shared database, its password given apart as <c>password = "env:NAME"</c>.
/// <c>lease</c> (<c>"60s"</c> by default) is how long a runner's claim on a step holds without a heartbeat: past it,
/// another runner may take the step over.
/// </summary>
public sealed record StateSection(string Kind, string Location, Secret? Password = null)
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(60);

    public TimeSpan Lease { get; init; } = DefaultLease;

    /// <summary>A duration as <c>[state] lease</c> takes it: whole seconds (<c>30s</c>) or minutes (<c>2m</c>), at least one second.</summary>
    public static bool TryParseLease(string text, out TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(text);
        lease = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return false;
        }

        switch (text[^1])
        {
            case 's' when amount <= 86_400:
                lease = TimeSpan.FromSeconds(amount);
                return true;
            case 'm' when amount <= 1_440:
                lease = TimeSpan.FromMinutes(amount);
                return true;
            default:
                return false;
        }
    }

    public const string SqliteKind = "sqlite";
    public const string PostgresKind = "postgres";
    public const string DefaultSqlitePath = ".slipway/state.db";

    internal static StateSection Read(ConfigTable? table, string rootDirectory)
    {
        var store = table?.GetString("store");
        var password = table?.GetSecret("password");
        var leaseText = table?.GetString("lease");
        table?.EnsureNoUnknownKeys();
        var lease = DefaultLease;
        if (leaseText is not null && !TryParseLease(leaseText, out lease))
        {
            throw table!.Invalid("lease", $"is '{leaseText}'; write a duration in seconds or minutes, for example \"60s\" or \"2m\"");
        }

        return ReadStore(table, store, password, rootDirectory) with { Lease = lease };
    }

    private static StateSection ReadStore(ConfigTable? table, string? store, Secret? password, string rootDirectory)
    {
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
