using Slipway.Diagnostics;

namespace Slipway.Signing;

/// <summary>The PEM text of a key and where it came from (a path, or <c>env:NAME</c>), for messages that never show the key.</summary>
public sealed record KeyText(string Pem, string Source)
{
    public const string EnvironmentPrefix = "env:";

    private const string PemStart = "-----BEGIN";

    /// <summary>Whether a key setting is the PEM text itself rather than a path or <c>env:NAME</c>.</summary>
    public static bool IsPem(string spec) => spec.TrimStart().StartsWith(PemStart, StringComparison.Ordinal);

    /// <summary>
    /// Reads <paramref name="spec"/>: <c>env:NAME</c> holds the PEM itself; anything else is a path relative to
    /// <paramref name="baseDirectory"/>; the PEM text itself is accepted too (slipway.toml with <c>allow-literal-secrets</c>).
    /// The PEM's lines are registered with the redactor before anyone can print them.
    /// </summary>
    public static KeyText Read(string spec, string baseDirectory, IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);
        string pem;
        var source = spec;
        if (IsPem(spec))
        {
            pem = spec;
            source = "the PEM written in slipway.toml";
        }
        else if (spec.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
        {
            var variable = spec[EnvironmentPrefix.Length..];
            pem = environment.GetVariable(variable) ?? throw SigningErrors.KeyVariableMissing(variable);
        }
        else
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory, spec));
            if (!File.Exists(path))
            {
                throw SigningErrors.KeyNotFound(spec);
            }

            pem = File.ReadAllText(path);
        }

        foreach (var line in pem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith("-----", StringComparison.Ordinal))
            {
                redactor.Register(line);
            }
        }

        return new KeyText(pem, source);
    }
}
