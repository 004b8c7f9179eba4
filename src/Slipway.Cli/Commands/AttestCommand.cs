using System.CommandLine;
using Slipway.Oci;
using Slipway.Signing;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway attest REF --key KEY --type TYPE --predicate FILE [--replace]</c>: an in-toto attestation in a DSSE envelope.</summary>
internal static class AttestCommand
{
    public static Command Create(CliHost host)
    {
        var reference = new Argument<string>("REF") { Description = "The image, by digest (a tag is resolved and its digest attested)." };
        var key = new Option<string?>("--key") { Description = "Private key: a path or env:NAME (default: [signing] key).", HelpName = "KEY" };
        var type = new Option<string>("--type")
        {
            Description = "slsaprovenance, spdxjson, cyclonedx, or a predicate type URI.",
            HelpName = "TYPE",
            Required = true,
        };
        var predicate = new Option<string>("--predicate") { Description = "The predicate: a JSON file.", HelpName = "FILE", Required = true };
        var replace = new Option<bool>("--replace") { Description = "Replace existing attestations of the same predicate type." };
        var json = GlobalOptions.Json();
        var command = new Command("attest", "Attest a predicate about an image by digest, stored as cosign does (sha256-<hex>.att).")
        {
            reference, key, type, predicate, replace, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var image = ImageReference.Parse(parse.GetValue(reference)!);
            var predicateType = PredicateTypes.Resolve(parse.GetValue(type)!);
            var predicatePath = parse.GetValue(predicate)!;
            var body = PredicateFile.Read(Path.GetFullPath(Path.Combine(context.Directory, predicatePath)), predicatePath);
            using var signer = SigningContext.LoadSigner(context, parse.GetValue(key));
            using var registry = SigningContext.Registry(host);
            var result = await new ImageSigning(registry, signer).AttestAsync(image, predicateType, body, parse.GetValue(replace), cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(host.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("image", result.Image.Name);
                    writer.WriteString("digest", result.Digest.ToString());
                    writer.WriteString("predicateType", result.PredicateType);
                    writer.WriteString("attestation", result.AttestationTag.ToString());
                    writer.WriteBoolean("alreadyAttested", result.AlreadyAttested);
                    writer.WriteNumber("replaced", result.Replaced);
                    writer.WriteEndObject();
                });
            }
            else
            {
                var what = result.AlreadyAttested ? "already attested" : "attested";
                var replaced = result.Replaced > 0 ? $", replacing {result.Replaced}" : string.Empty;
                host.Out.WriteLine($"{what} {result.PredicateType} for {result.Image.Name}@{result.Digest} with {signer.Description}{replaced}");
                host.Out.WriteLine($"attestation  {result.AttestationTag}");
            }

            return 0;
        });
        return command;
    }
}
