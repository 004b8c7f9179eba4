using Slipway.Diagnostics;
using Slipway.Signing;

namespace Slipway.Configuration;

/// <summary>
/// Registers with the redactor every secret the configuration names that is set, as soon as the configuration is
/// loaded (<see cref="ConfigLoader"/>), so no command can forget it: the gates and the build inherit the environment
/// and run before the steps that resolve the registry password or the key's password, and <c>status</c> or <c>plan</c>
/// may print journal text or errors that quote one without ever resolving it.
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
            redactor.Register(Value(secret, environment));
        }

        foreach (var registry in config.Registries)
        {
            // A Basic Authorization header carries base64("user:password"), which matches neither part alone.
            if (registry is { Username: { } username, Password: { } password } && Value(password, environment) is { } value)
            {
                redactor.Register($"{username}:{value}");
            }
        }

        redactor.Register(environment.GetVariable(KeyLoader.PasswordVariable));
        redactor.Register(environment.GetVariable(KeyLoader.CosignPasswordVariable));
        if (config.Signing.Key is { } key
            && (KeyText.IsPem(key)
                || (key.StartsWith(KeyText.EnvironmentPrefix, StringComparison.Ordinal) && environment.GetVariable(key[KeyText.EnvironmentPrefix.Length..]) is not null)))
        {
            // Reading an env: or literal key registers its lines.
            KeyText.Read(key, config.RootDirectory, environment, redactor);
        }
    }

    private static string? Value(Secret secret, IEnvironment environment) =>
        secret.Variable is null ? secret.Literal : environment.GetVariable(secret.Variable);
}
