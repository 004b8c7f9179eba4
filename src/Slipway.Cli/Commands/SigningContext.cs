using Slipway.Signing;

namespace Slipway.Cli.Commands;

/// <summary>What sign, attest and verify share: the key, from <c>--key</c> or <c>[signing] key</c>.</summary>
internal static class SigningContext
{
    /// <summary>
    /// The key of <c>--key</c>; without it <c>[signing]</c>'s: keyless (a Fulcio certificate requested now, before
    /// anything is pushed) when <c>mode = "keyless"</c>, else its key.
    /// </summary>
    public static async Task<ISigner> LoadSignerAsync(CommandContext context, string? keyOption, SignatureFormat format, CancellationToken cancellationToken)
    {
        if (keyOption is null)
        {
            var root = Git.GitRepository.FindWorkingDirectory(context.Directory);
            if ((context.HasExplicitConfig || File.Exists(context.ConfigPath(root))) && context.LoadConfig(root).Signing is { Mode: SigningMode.Keyless } signing)
            {
                if (format != SignatureFormat.Bundle)
                {
                    throw Diagnostics.SlipwayException.Input(
                        Diagnostics.ErrorCode.SignatureFormatInvalid, "keyless signatures are Sigstore bundles only: --format must be bundle with [signing] mode = \"keyless\"");
                }

                var host = context.Host;
                return await Signing.Sigstore.KeylessSigner.CreateAsync(signing.Services, host.Environment, host.Redactor, host.Time, cancellationToken: cancellationToken);
            }
        }

        return LoadSigner(context, keyOption);
    }

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
