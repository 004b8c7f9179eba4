using Slipway.Signing;
using Slipway.Signing.Sigstore;

namespace Slipway.Configuration;

/// <summary>
/// <c>[signing]</c>: the private key, as a path (relative to slipway.toml) or <c>env:NAME</c> holding the PEM. The PEM
/// itself written as the value is refused unless <c>allow-literal-secrets = true</c>. <c>format</c> chooses where
/// signatures go: <c>"bundle"</c> (cosign v3's Sigstore bundles as referrers), <c>"legacy"</c> (the <c>.sig</c>/<c>.att</c>
/// tags) or <c>"both"</c>, the default for one release cycle so that verifiers of either generation find them.
/// <c>mode = "keyless"</c> signs with an ephemeral key certified by Fulcio from the CI's OIDC identity (<c>fulcio-url</c>,
/// <c>rekor-url</c>, <c>tsa-url</c>, <c>id-token-env</c>); keyless signatures are bundles only (the legacy layout would
/// need a second Rekor entry per signature), so its format is <c>"bundle"</c>. <c>public-key</c> is where consumers get
/// the public key (a URL or a path they know), printed in the release notes' verify commands.
/// </summary>
public sealed record SigningSection(
    string? Key,
    SignatureFormat Format = SignatureFormat.Both,
    SigningMode Mode = SigningMode.Key,
    SigstoreServices? Sigstore = null,
    string? PublicKey = null)
{
    /// <summary>Whether a release signs at all: a key is configured, or keyless mode is on.</summary>
    public bool Signs => Mode == SigningMode.Keyless || Key is not null;

    public SigstoreServices Services => Sigstore ?? SigstoreServices.PublicGood;

    internal static SigningSection Read(ConfigTable? table, bool allowLiteralSecrets)
    {
        if (table is null)
        {
            return new SigningSection((string?)null);
        }

        // Read as a secret so that env:NAME stays unresolved until a command signs; a literal is a path, or the PEM itself.
        // A literal that is not a PEM is the key file's path, no secret.
        var secret = table.GetSecret("key", s => s with { Pem = true, LiteralIsSecret = s.Literal is null || KeyText.IsPem(s.Literal) });
        var mode = table.GetString("mode") switch
        {
            null or "key" => SigningMode.Key,
            "keyless" => SigningMode.Keyless,
            _ => throw table.Invalid("mode", "must be \"key\" or \"keyless\""),
        };
        var keyless = mode == SigningMode.Keyless;
        var format = table.GetString("format") is { } text
            ? SignatureFormats.TryParse(text, out var parsed) ? parsed : throw table.Invalid("format", "must be \"bundle\", \"legacy\" or \"both\"")
            : keyless ? SignatureFormat.Bundle : SignatureFormat.Both;
        if (keyless && format != SignatureFormat.Bundle)
        {
            throw table.Invalid("format", "keyless signatures are Sigstore bundles: with mode = \"keyless\" the format is \"bundle\"");
        }

        var services = new SigstoreServices(
            Url(table, "fulcio-url") ?? SigstoreServices.PublicFulcio,
            Url(table, "rekor-url") ?? SigstoreServices.PublicRekor,
            Url(table, "tsa-url"),
            table.GetString("id-token-env") ?? SigstoreServices.DefaultIdTokenVariable);
        var publicKey = table.GetString("public-key");
        table.EnsureNoUnknownKeys();
        if (publicKey is not null && (publicKey.Length == 0 || publicKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            throw table.Invalid("public-key", "must be a URL or path without spaces, where consumers get the public key");
        }

        if (keyless && publicKey is not null)
        {
            throw table.Invalid("public-key", "keyless signatures are verified by identity, not by a public key: remove it");
        }
        if (keyless && secret is not null)
        {
            throw table.Invalid("key", "a key is not used with mode = \"keyless\": remove one of them");
        }

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
        return new SigningSection(key, format, mode, services, publicKey);
    }

    private static Uri? Url(ConfigTable table, string name) =>
        table.GetString(name) switch
        {
            null => null,
            { } text when Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) => uri,
            _ => throw table.Invalid(name, "must be an http(s) URL"),
        };
}
