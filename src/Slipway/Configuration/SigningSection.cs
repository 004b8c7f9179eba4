using Slipway.Signing;

namespace Slipway.Configuration;

/// <summary>
/// <c>[signing]</c>: the private key, as a path (relative to slipway.toml) or <c>env:NAME</c> holding the PEM. The PEM
/// itself written as the value is refused unless <c>allow-literal-secrets = true</c>. <c>format</c> chooses where
/// signatures go: <c>"bundle"</c> (cosign v3's Sigstore bundles as referrers), <c>"legacy"</c> (the <c>.sig</c>/<c>.att</c>
/// tags) or <c>"both"</c>, the default for one release cycle so that verifiers of either generation find them.
/// </summary>
public sealed record SigningSection(string? Key, SignatureFormat Format = SignatureFormat.Both)
{
    internal static SigningSection Read(ConfigTable? table, bool allowLiteralSecrets)
    {
        if (table is null)
        {
            return new SigningSection((string?)null);
        }

        // Read as a secret so that env:NAME stays unresolved until a command signs; a literal is a path, or the PEM itself.
        // A literal that is not a PEM is the key file's path, no secret.
        var secret = table.GetSecret("key", s => s with { Pem = true, LiteralIsSecret = s.Literal is null || KeyText.IsPem(s.Literal) });
        var format = table.GetString("format") is { } text
            ? SignatureFormats.TryParse(text, out var parsed) ? parsed : throw table.Invalid("format", "must be \"bundle\", \"legacy\" or \"both\"")
            : SignatureFormat.Both;
        table.EnsureNoUnknownKeys();
        if (secret?.Literal is { } literal && KeyText.IsPem(literal) && !allowLiteralSecrets)
        {
            throw ConfigErrors.LiteralSecret(secret.Location, secret.Path, "key = \"env:NAME\" (the PEM in an environment variable) or a path to the key file");
        }

        var key = secret switch
        {
            null => null,
            { Variable: { } variable } => KeyText.EnvironmentPrefix + variable,
            _ when secret.Literal!.Length == 0 => throw table.Invalid("key", "must not be empty"),
            _ => secret.Literal,
        };
        return new SigningSection(key, format);
    }
}
