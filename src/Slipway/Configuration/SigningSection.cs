using Slipway.Signing;

namespace Slipway.Configuration;

/// <summary><c>[signing]</c>: the private key, as a path (relative to slipway.toml) or <c>env:NAME</c> holding the PEM.</summary>
public sealed record SigningSection(string? Key)
{
    internal static SigningSection Read(ConfigTable? table)
    {
        if (table is null)
        {
            return new SigningSection((string?)null);
        }

        // Read as a secret so that env:NAME stays unresolved until a command signs; a literal is a path, not a PEM.
        var secret = table.GetSecret("key");
        table.EnsureNoUnknownKeys();
        var key = secret switch
        {
            null => null,
            { Variable: { } variable } => KeyText.EnvironmentPrefix + variable,
            _ when secret.Literal!.Length == 0 => throw table.Invalid("key", "must not be empty"),
            _ => secret.Literal,
        };
        return new SigningSection(key);
    }
}
