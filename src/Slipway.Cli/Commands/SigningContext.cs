using Slipway.Signing;

namespace Slipway.Cli.Commands;

/// <summary>What sign, attest and verify share: the key, from <c>--key</c> or <c>[signing] key</c>.</summary>
internal static class SigningContext
{
    public static KeySigner LoadSigner(CommandContext context, string? keyOption)
    {
        var host = context.Host;
        var (spec, baseDirectory) = KeySpec(context, keyOption);
        return KeyLoader.LoadSigner(KeyText.Read(spec, baseDirectory, host.Environment, host.Redactor), host.Environment, host.Redactor);
    }

    public static VerificationKey LoadVerificationKey(CommandContext context, string keyOption) =>
        KeyLoader.LoadVerificationKey(KeyText.Read(keyOption, context.Directory, context.Host.Environment, context.Host.Redactor));

    private static (string Spec, string BaseDirectory) KeySpec(CommandContext context, string? keyOption)
    {
        if (keyOption is not null)
        {
            return KeyText.IsPem(keyOption) ? throw CliErrors.LiteralKey("--key") : (keyOption, context.Directory);
        }

        var config = context.LoadConfig(Git.GitRepository.FindWorkingDirectory(context.Directory));
        return config.Signing.Key is { } key
            ? (key, config.RootDirectory)
            : throw Diagnostics.SlipwayException.Input(
                Diagnostics.ErrorCode.KeyNotFound,
                "no signing key: pass --key KEY or set [signing] key in slipway.toml",
                "create one with 'slipway key generate --out PREFIX'");
    }
}
