using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Signing;

namespace Slipway.Pipeline;

/// <summary>
/// Registers with the redactor, before any step runs, every secret the configuration names that is set: the gates and
/// the build inherit the environment and run before the steps that resolve the registry password or the key's
/// password, so a command that prints one would otherwise write it to its log and the console.
/// </summary>
internal static class ConfiguredSecrets
{
    public static void Register(SlipwayConfig config, IEnvironment environment, SecretRedactor redactor)
    {
        var secrets = config.Registries.Select(r => r.Password)
            // A gate's literal env value is a setting, not a secret (GatesStep passes it as written).
            .Concat(config.Gates.SelectMany(g => g.Environment.Values).Where(v => v.Variable is not null))
            .Append(config.State.Password)
            .OfType<Secret>();
        foreach (var secret in secrets)
        {
            redactor.Register(secret.Variable is null ? secret.Literal : environment.GetVariable(secret.Variable));
        }

        redactor.Register(environment.GetVariable(KeyLoader.PasswordVariable));
        redactor.Register(environment.GetVariable(KeyLoader.CosignPasswordVariable));
        if (config.Signing.Key is { } key && key.StartsWith(KeyText.EnvironmentPrefix, StringComparison.Ordinal)
            && environment.GetVariable(key[KeyText.EnvironmentPrefix.Length..]) is not null)
        {
            // Reading an env: key registers its lines.
            KeyText.Read(key, config.RootDirectory, environment, redactor);
        }
    }
}
