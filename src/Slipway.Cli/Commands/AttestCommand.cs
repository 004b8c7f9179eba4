using System.CommandLine;
using Slipway.Diagnostics;
using Slipway.Files;
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
        };
        var predicate = new Option<string>("--predicate") { Description = "The predicate: a JSON file.", HelpName = "FILE" };
        var sbom = new Option<bool>("--sbom")
        {
            Description = "Instead of --type/--predicate: run [sbom] command for each platform manifest and attest each SBOM at its digest.",
        };
        var replace = new Option<bool>("--replace") { Description = "Replace existing attestations of the same predicate type." };
        var json = GlobalOptions.Json();
        var format = SignatureFormatOption.Create();
        var command = new Command("attest", "Attest a predicate about an image by digest, stored as cosign does (a Sigstore bundle referrer and/or sha256-<hex>.att).")
        {
            reference, key, type, predicate, sbom, replace, format, json,
        };
        RegistryAccess.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var image = ImageReference.Parse(parse.GetValue(reference)!);
            if (parse.GetValue(sbom))
            {
                if (parse.GetValue(type) is not null || parse.GetValue(predicate) is not null)
                {
                    throw SlipwayException.Input(ErrorCode.InvalidUsage, "--sbom takes no --type or --predicate", "see 'slipway attest --help'");
                }

                return await AttestSbomsAsync(host, context, parse, image, parse.GetValue(key), SignatureFormatOption.Resolve(context, parse.GetValue(format)), parse.GetValue(json), cancellationToken);
            }

            if (parse.GetValue(type) is null || parse.GetValue(predicate) is null)
            {
                throw SlipwayException.Input(ErrorCode.InvalidUsage, "attest needs --type and --predicate (or --sbom)", "see 'slipway attest --help'");
            }

            var predicateType = PredicateTypes.Resolve(parse.GetValue(type)!);
            var predicatePath = parse.GetValue(predicate)!;
            var body = PredicateFile.Read(context.ResolvePath(predicatePath), predicatePath, FileBoundary.Repository(context.Directory));
            PredicateFile.EnsureMatchesType(body, predicateType, predicatePath);
            var signatureFormat = SignatureFormatOption.Resolve(context, parse.GetValue(format));
            using var signer = await SigningContext.LoadSignerAsync(context, parse.GetValue(key), signatureFormat, cancellationToken);
            using var registry = RegistryAccess.CreateClient(context, parse, image);
            var result = await new ImageSigning(registry, signer, signatureFormat).AttestAsync(image, predicateType, body, parse.GetValue(replace), cancellationToken);
            Render(host, parse.GetValue(json), [result], signer, signatureFormat);
            return 0;
        });
        return command;
    }

    private static async Task<int> AttestSbomsAsync(
        CliHost host, CommandContext context, ParseResult parse, ImageReference image, string? keyOption, SignatureFormat format, bool json, CancellationToken cancellationToken)
    {
        var config = context.LoadConfig(Git.GitRepository.FindWorkingDirectory(context.Directory));
        var template = config.Sbom.Command ?? throw SlipwayException.Input(
            ErrorCode.ConfigMissingValue, $"{config.Path}: --sbom needs [sbom] command", "for example: command = \"syft {image}@{digest} --platform {platform} -o spdx-json\"");
        using var signer = await SigningContext.LoadSignerAsync(context, keyOption, format, cancellationToken);
        using var registry = RegistryAccess.CreateClient(context, parse, image);
        var results = await new ImageSigning(registry, signer, format).AttestSbomsAsync(
            image,
            (target, ct) => SbomCommand.RunAsync(template, target, config.RootDirectory, ct),
            _ => config.Sbom.Floor(previousCount: null),
            cancellationToken);
        Render(host, json, results, signer, format);
        return 0;
    }

    private static void Render(CliHost host, bool json, IReadOnlyList<AttestResult> results, ISigner signer, SignatureFormat format)
    {
        if (json)
        {
            JsonOutput.Write(host.Out, writer =>
            {
                writer.WriteStartArray();
                foreach (var result in results)
                {
                    writer.WriteStartObject();
                    writer.WriteString("image", result.Image.Name);
                    writer.WriteString("digest", result.Digest.ToString());
                    if (result.Platform is not null)
                    {
                        writer.WriteString("platform", result.Platform.ToString());
                    }

                    if (result.PackageCount is { } packages)
                    {
                        writer.WriteNumber("packages", packages);
                    }

                    writer.WriteString("predicateType", result.PredicateType);
                    if (format != SignatureFormat.Bundle)
                    {
                        writer.WriteString("attestation", result.AttestationTag.ToString());
                    }

                    writer.WriteBoolean("alreadyAttested", result.AlreadyAttested);
                    writer.WriteNumber("replaced", result.Replaced);
                    if (result.Bundle is { } bundle)
                    {
                        writer.WriteString("bundle", result.Image.WithDigest(bundle).ToString());
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });
            return;
        }

        foreach (var result in results)
        {
            var what = result.AlreadyAttested ? "already attested" : "attested";
            var platform = result.Platform is null ? string.Empty : $" ({result.Platform}, {result.PackageCount} packages)";
            var replaced = result.Replaced > 0 ? $", replacing {result.Replaced}" : string.Empty;
            host.Out.WriteLine($"{what} {result.PredicateType} for {result.Image.Name}@{result.Digest}{platform} with {signer.Description}{replaced}");
            if (format != SignatureFormat.Bundle)
            {
                host.Out.WriteLine($"attestation  {result.AttestationTag}");
            }

            if (result.Bundle is { } bundle)
            {
                host.Out.WriteLine($"bundle       {result.Image.WithDigest(bundle)}");
            }
        }
    }
}
