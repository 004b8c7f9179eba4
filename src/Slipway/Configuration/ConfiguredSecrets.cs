using Slipway.Diagnostics;
using Slipway.Signing;

namespace Slipway.Configuration;

/// <summary>
/// Registers with a redactor every secret the configuration bound (<see cref="SlipwayConfig.Secrets"/>: each
/// secret-bearing key registers itself when it is bound, so nothing here lists them) and the key's password variables,
/// which are read from the environment whenever an encrypted key is loaded, configured or not. The release run calls it
/// again with its own redactor: the gates and the build inherit the environment, and <c>status</c> or <c>plan</c> may
/// print journal text or errors that quote a secret without ever resolving it.
/// </summary>
internal static class ConfiguredSecrets
{
    public static void Register(SlipwayConfig config, IEnvironment environment, SecretRedactor redactor)
    {
        foreach (var secret in config.Secrets)
        {
            secret.Register(environment, redactor);
        }

        redactor.Register(environment.GetVariable(KeyLoader.PasswordVariable));
        redactor.Register(environment.GetVariable(KeyLoader.CosignPasswordVariable));
    }
}
