using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Files;

namespace Slipway.Signing.Provenance;

/// <summary>
/// <c>slipway verify --policy FILE</c>: a TOML file whose <c>[provenance]</c> table holds the provenance policy under
/// the options' names (<c>source-repository</c>, <c>source-ref</c>, <c>source-commit</c>, <c>workflow</c>,
/// <c>builder-id</c>, <c>runner-environment</c>). Read whole before the registry is asked anything; a key or table it
/// does not know is refused, never ignored.
/// </summary>
public static class VerificationPolicyFile
{
    public const string ProvenanceTable = "provenance";

    /// <summary>Policies are small; anything larger is not one.</summary>
    public const int MaxSize = 64 * 1024;

    private static readonly string[] Tables = [ProvenanceTable];

    public static ProvenancePolicy ReadProvenance(string path, IEnvironment environment, SecretRedactor redactor)
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

        if (root.GetTable(ProvenanceTable) is not { } table)
        {
            throw ProvenanceErrors.PolicyFileInvalid(path, "it has no [provenance] table");
        }

        var policy = ProvenancePolicy.Create(
            table.GetString("source-repository"),
            table.GetString("source-ref"),
            table.GetString("source-commit"),
            table.GetString("workflow"),
            table.GetString("builder-id"),
            table.GetString("runner-environment"),
            option => $"{table.LocationOf(option.TrimStart('-'))}: {table.KeyPath(option.TrimStart('-'))}");
        table.EnsureNoUnknownKeys();
        return policy.IsEmpty ? throw ProvenanceErrors.PolicyFileInvalid(path, "its [provenance] table requires nothing") : policy;
    }
}
