namespace Slipway.Configuration;

/// <summary>
/// One <c>[[registry]]</c>: credentials for a host (<c>password = "env:NAME"</c>, resolved only when the host is used)
/// and whether plain HTTP is allowed for it.
/// </summary>
public sealed record RegistrySection(string Host, string? Username, Secret? Password, bool Insecure, SourceLocation Location)
{
    internal static IReadOnlyList<RegistrySection> ReadAll(ConfigTable root)
    {
        var registries = root.GetTableArray("registry").Select(Read).ToList();
        var repeated = registries.GroupBy(r => r.Host, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw ConfigErrors.Invalid(repeated.Last().Location, "registry", $"lists host {repeated.Key} twice");
        }

        return registries;
    }

    private static RegistrySection Read(ConfigTable table)
    {
        var host = table.GetRequiredString("host");
        if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal) || host.Contains("://", StringComparison.Ordinal))
        {
            throw table.Invalid("host", $"must be a host with an optional port, like registry.example.com or 127.0.0.1:5000 (it is '{host}')");
        }

        var username = table.GetString("username");
        var password = table.GetSecret("password", s => s with { SentAfter = username is null ? null : username + ":" });
        if ((username is null) != (password is null))
        {
            throw table.Invalid(username is null ? "password" : "username", "needs both username and password");
        }

        var insecure = table.GetBoolean("insecure") ?? false;
        table.EnsureNoUnknownKeys();
        return new RegistrySection(host, username, password, insecure, table.Location);
    }
}
