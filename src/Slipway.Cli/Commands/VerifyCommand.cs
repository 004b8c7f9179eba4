using System.CommandLine;
using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Signing;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway verify REF --key PUB [--attestation TYPE]... [--signed-for REPO | --allow-any-reference]</c>: the signature
/// (which must name REF's repository), then each requested attestation, then the provenance policy
/// (<see cref="ProvenancePolicyOptions"/>), which requires the provenance attestation.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliHost host)
    {
        var reference = new Argument<string>("REF") { Description = "The image: a tag is resolved to the digest that is checked." };
        var key = new Option<string>("--key") { Description = "Public key (PEM): a path or env:NAME.", HelpName = "PUB", Required = true };
        var attestations = new Option<string[]>("--attestation")
        {
            Description = "Also require an attestation of this type (slsaprovenance, spdxjson, cyclonedx or a URI); repeatable.",
            HelpName = "TYPE",
            AllowMultipleArgumentsPerToken = false,
        };
        var signedFor = new Option<string?>("--signed-for")
        {
            Description = "The repository the signature must name, when it is not REF's (an image copied with its signature from where it was signed).",
            HelpName = "REPO",
        };
        var anyReference = new Option<bool>("--allow-any-reference")
        {
            Description = "Accept a signature whatever repository its payload names (critical.identity.docker-reference); by default it must be REF's.",
        };
        var json = GlobalOptions.Json();
        var command = new Command("verify", "Verify an image's signature and attestations with a public key.")
        {
            reference,
            key,
            attestations,
            signedFor,
            anyReference,
            json,
        };
        var provenance = ProvenancePolicyOptions.AddTo(command);
        RegistryAccess.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var image = ImageReference.Parse(parse.GetValue(reference)!);
            var policy = provenance.Read(context, parse);
            var types = (parse.GetValue(attestations) ?? []).Select(PredicateTypes.Resolve)
                .Concat(policy.IsEmpty ? [] : [PredicateTypes.SlsaProvenanceV1]).Distinct(StringComparer.Ordinal).ToList();
            var references = ReferencePolicy(parse.GetValue(signedFor), parse.GetValue(anyReference));
            using var publicKey = SigningContext.LoadVerificationKey(context, parse.GetValue(key)!);
            using var registry = RegistryAccess.CreateClient(context, parse, image);
            var report = ProvenancePolicyOptions.Apply(
                await new ImageVerifier(registry, publicKey, references).VerifyAsync(image, types, cancellationToken), policy);
            if (parse.GetValue(json))
            {
                WriteJson(host.Out, report);
            }
            else
            {
                host.Out.WriteLine($"{report.Image.Name}@{report.Digest}");
                foreach (var check in report.Checks)
                {
                    host.Out.WriteLine($"  {(check.Passed ? "ok  " : "FAIL")}  {check.Name}: {check.Detail}");
                }
            }

            report.EnsurePassed();
            return 0;
        });
        return command;
    }

    /// <summary>Parsed before the key is loaded or the registry is asked anything: bad input changes nothing.</summary>
    private static SignedReferencePolicy ReferencePolicy(string? signedFor, bool anyReference)
    {
        if (signedFor is null)
        {
            return anyReference ? SignedReferencePolicy.Any : SignedReferencePolicy.VerifiedRepository;
        }

        if (anyReference)
        {
            throw SlipwayException.Input(ErrorCode.InvalidUsage, "--signed-for and --allow-any-reference exclude each other");
        }

        var repository = ImageReference.Parse(signedFor);
        if (repository.Tag is not null || repository.Digest is not null)
        {
            throw SlipwayException.Input(ErrorCode.InvalidUsage, $"--signed-for names a repository, without :tag or @digest (it is '{signedFor}')");
        }

        return SignedReferencePolicy.SignedFor(repository);
    }

    private static void WriteJson(TextWriter output, VerificationReport report) =>
        JsonOutput.Write(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("image", report.Image.Name);
            writer.WriteString("digest", report.Digest.ToString());
            writer.WriteBoolean("verified", report.Passed);
            writer.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                writer.WriteStartObject();
                writer.WriteString("name", check.Name);
                writer.WriteBoolean("passed", check.Passed);
                writer.WriteString("detail", check.Detail);
                if (check.Payload is not null)
                {
                    writer.WritePropertyName("payload");
                    try
                    {
                        writer.WriteRawValue(check.Payload);
                    }
                    catch (JsonException)
                    {
                        writer.WriteStringValue(Convert.ToBase64String(check.Payload));
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
}
