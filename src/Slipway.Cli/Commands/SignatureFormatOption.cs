using System.CommandLine;
using Slipway.Signing;

namespace Slipway.Cli.Commands;

/// <summary><c>--format bundle|legacy|both</c> of sign and attest; without it, <c>[signing] format</c> when slipway.toml exists, else both.</summary>
internal static class SignatureFormatOption
{
    public static Option<string?> Create() => new("--format")
    {
        Description = "Where to store it: bundle (Sigstore bundle referrer, as cosign v3), legacy (sha256-<hex>.sig/.att tags) or both (default: [signing] format, else both).",
        HelpName = "bundle|legacy|both",
    };

    public static SignatureFormat Resolve(CommandContext context, string? option)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (option is not null)
        {
            return SignatureFormats.Parse(option, "--format");
        }

        var root = Git.GitRepository.FindWorkingDirectory(context.Directory);
        return context.HasExplicitConfig || File.Exists(context.ConfigPath(root)) ? context.LoadConfig(root).Signing.Format : SignatureFormat.Both;
    }
}
