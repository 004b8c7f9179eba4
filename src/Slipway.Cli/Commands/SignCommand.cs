using System.CommandLine;
using Slipway.Oci;
using Slipway.Signing;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway sign REF --key KEY</c>: a cosign-compatible signature of the digest REF names.</summary>
internal static class SignCommand
{
    public static Command Create(CliHost host)
    {
        var reference = new Argument<string>("REF") { Description = "The image, by digest (a tag is resolved and its digest signed)." };
        var key = new Option<string?>("--key") { Description = "Private key: a path or env:NAME (default: [signing] key).", HelpName = "KEY" };
        var json = GlobalOptions.Json();
        var format = SignatureFormatOption.Create();
        var command = new Command("sign", "Sign an image by digest, stored as cosign does (a Sigstore bundle referrer and/or sha256-<hex>.sig).") { reference, key, format, json };
        RegistryAccess.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var image = ImageReference.Parse(parse.GetValue(reference)!);
            var signatureFormat = SignatureFormatOption.Resolve(context, parse.GetValue(format));
            using var signer = await SigningContext.LoadSignerAsync(context, parse.GetValue(key), signatureFormat, cancellationToken);
            using var registry = RegistryAccess.CreateClient(context, parse, image);
            var result = await new ImageSigning(registry, signer, signatureFormat).SignAsync(image, cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(host.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("image", result.Image.Name);
                    writer.WriteString("digest", result.Digest.ToString());
                    writer.WriteString("signature", result.SignatureTag.ToString());
                    writer.WriteBoolean("alreadySigned", result.AlreadySigned);
                    if (result.Bundle is { } bundle)
                    {
                        writer.WriteString("bundle", result.Image.WithDigest(bundle).ToString());
                    }

                    writer.WriteEndObject();
                });
            }
            else
            {
                var what = result.AlreadySigned ? "already signed" : "signed";
                host.Out.WriteLine($"{what} {result.Image.Name}@{result.Digest} with {signer.Description}");
                if (signatureFormat != SignatureFormat.Bundle)
                {
                    host.Out.WriteLine($"signature  {result.SignatureTag}");
                }

                if (result.Bundle is { } bundle)
                {
                    host.Out.WriteLine($"bundle     {result.Image.WithDigest(bundle)}");
                }
            }

            return 0;
        });
        return command;
    }
}
