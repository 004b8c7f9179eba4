using System.CommandLine;
using Slipway.Signing;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway key generate --out PREFIX</c>: an ECDSA P-256 pair, PREFIX.key and PREFIX.pub.</summary>
internal static class KeyCommand
{
    public static Command Create(CliHost host)
    {
        var output = new Option<string>("--out") { Description = "Write PREFIX.key and PREFIX.pub.", HelpName = "PREFIX", Required = true };
        var cosign = new Option<bool>("--cosign")
        {
            Description = "Write the private key in cosign's format (ENCRYPTED SIGSTORE PRIVATE KEY; needs COSIGN_PASSWORD or SLIPWAY_KEY_PASSWORD).",
        };
        var json = GlobalOptions.Json();
        var generate = new Command(
            "generate",
            "Generate an ECDSA P-256 key pair; the private key is encrypted when SLIPWAY_KEY_PASSWORD is set.")
        {
            output, cosign, json,
        };
        generate.SetAction(parse =>
        {
            var context = new CommandContext(host, parse);
            var prefix = context.ResolvePath(parse.GetValue(output)!);
            var result = KeyPairGenerator.Generate(prefix, parse.GetValue(cosign), host.Environment, host.Redactor);
            var privatePath = context.Shown(result.PrivateKeyPath);
            var publicPath = context.Shown(result.PublicKeyPath);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(host.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("privateKey", privatePath);
                    writer.WriteString("publicKey", publicPath);
                    writer.WriteString("format", result.Format);
                    writer.WriteBoolean("encrypted", result.Encrypted);
                    writer.WriteEndObject();
                });
            }
            else
            {
                var encryption = result.Encrypted ? "encrypted" : "NOT encrypted (set SLIPWAY_KEY_PASSWORD to encrypt it)";
                host.Out.WriteLine($"private key  {privatePath}  ({result.Format}, {encryption})");
                host.Out.WriteLine($"public key   {publicPath}");
            }

            return 0;
        });
        return new Command("key", "Manage signing keys.") { generate };
    }
}
