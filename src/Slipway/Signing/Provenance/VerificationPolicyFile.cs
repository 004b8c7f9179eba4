using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Files;
using Slipway.Signing.Sigstore;

namespace Slipway.Signing.Provenance;

/// <summary>
/// <c>slipway verify --policy FILE</c>: a TOML file whose <c>[provenance]</c> table holds the provenance policy under
/// the options' names (<c>source-repository</c>, <c>source-ref</c>, <c>source-commit</c>, <c>workflow</c>,
/// <c>builder-id</c>, <c>runner-environment</c>), and whose <c>[identity]</c> table holds the keyless identity policy
/// under cosign's option names without <c>certificate-</c> (<c>identity</c>, <c>identity-regexp</c>, <c>oidc-issuer</c>,
/// <c>github-workflow-repository</c>, <c>-ref</c>, <c>-trigger</c>, <c>allow-any-identity</c>). Read whole before the
/// registry is asked anything; a key or table it does not know is refused, never ignored.
/// </summary>
public static class VerificationPolicyFile
{
    public const string ProvenanceTable = "provenance";
    public const string IdentityTable = "identity";

    /// <summary>Policies are small; anything larger is not one.</summary>
    public const int MaxSize = 64 * 1024;

    private static readonly string[] Tables = [ProvenanceTable, IdentityTable];

    // The [identity] keys whose values IdentityPolicy checks, by the option each stands for.
    private static readonly (string Option, string Key)[] LocatedIdentityKeys =
    [
        (IdentityPolicy.IdentityOption, "identity"),
        (IdentityPolicy.IdentityRegexpOption, "identity-regexp"),
        (IdentityPolicy.IssuerOption, "oidc-issuer"),
    ];

    /// <summary>The file's provenance policy (empty when it has only an <c>[identity]</c> table) and identity policy (null without one).</summary>
    public static (ProvenancePolicy Provenance, IdentityPolicyValues? Identity) Read(string path, IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var text = RepositoryFile.ReadAllText(
            full, path, FileBoundary.For(Path.GetDirectoryName(full)!, $"the folder of {path}"), MaxSize, () => ProvenanceErrors.PolicyFileInvalid(path, "no such file"));
        var root = TomlFile.Parse(text, path, environment, redactor);
        if (root.Keys.FirstOrDefault(k => !Tables.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw ProvenanceErrors.PolicyFileInvalid(path, $"'{unknown}' is not a policy table (known: [{string.Join("], [", Tables)}])");
        }

        var identity = root.GetTable(IdentityTable) is { } identityTable ? Identity(identityTable, path) : null;
        if (root.GetTable(ProvenanceTable) is not { } table)
        {
            return identity is null
                ? throw ProvenanceErrors.PolicyFileInvalid(path, "it has no [provenance] or [identity] table")
                : (ProvenancePolicy.Create(null, null, null, null, null, null), identity);
        }

        return (Provenance(table, path), identity);
    }

    public static ProvenancePolicy ReadProvenance(string path, IEnvironment environment, SecretRedactor redactor) => Read(path, environment, redactor).Provenance;

    private static IdentityPolicyValues Identity(ConfigTable table, string path)
    {
        var values = new IdentityPolicyValues(
            table.GetString("identity"),
            table.GetString("identity-regexp"),
            table.GetString("oidc-issuer"),
            table.GetString("github-workflow-repository"),
            table.GetString("github-workflow-ref"),
            table.GetString("github-workflow-trigger"),
            table.GetBoolean("allow-any-identity") ?? false)
        {
            Origins = LocatedIdentityKeys.Where(k => table.GetRaw(k.Key) is not null).ToDictionary(k => k.Option, k => Origin(table, k.Key), StringComparer.Ordinal),
        };
        table.EnsureNoUnknownKeys();
        return values.IsEmpty ? throw ProvenanceErrors.PolicyFileInvalid(path, "its [identity] table requires nothing") : values;
    }

    private static ProvenancePolicy Provenance(ConfigTable table, string path)
    {
        var policy = ProvenancePolicy.Create(
            table.GetString("source-repository"),
            table.GetString("source-ref"),
            table.GetString("source-commit"),
            table.GetString("workflow"),
            table.GetString("builder-id"),
            table.GetString("runner-environment"),
            option => Origin(table, option.TrimStart('-')));
        table.EnsureNoUnknownKeys();
        return policy.IsEmpty ? throw ProvenanceErrors.PolicyFileInvalid(path, "its [provenance] table requires nothing") : policy;
    }

    private static string Origin(ConfigTable table, string key) => $"{table.LocationOf(key)}: {table.KeyPath(key)}";
}
