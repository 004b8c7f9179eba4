using System.CommandLine;
using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Signing.Sigstore;

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
        var key = new Option<string?>("--key") { Description = "Public key (PEM): a path or env:NAME. Without it, the signatures must be keyless (--certificate-*).", HelpName = "PUB" };
        var identity = new Option<string?>("--certificate-identity") { Description = "Keyless: the identity (SAN) the certificate must name exactly.", HelpName = "ID" };
        var identityRegexp = new Option<string?>("--certificate-identity-regexp") { Description = "Keyless: a regular expression the identity must match (escape dots; one matching any identity needs --certificate-github-workflow-repository or --allow-any-identity).", HelpName = "RE" };
        var oidcIssuer = new Option<string?>("--certificate-oidc-issuer") { Description = "Keyless: the OIDC issuer the certificate must name (GitHub Actions: https://token.actions.githubusercontent.com).", HelpName = "URL" };
        var workflowRepository = new Option<string?>("--certificate-github-workflow-repository") { Description = "Keyless: the repository (OWNER/REPO) whose workflow signed.", HelpName = "REPO" };
        var workflowRef = new Option<string?>("--certificate-github-workflow-ref") { Description = "Keyless: the ref the workflow ran at (refs/heads/... or refs/tags/... are required otherwise).", HelpName = "REF" };
        var workflowTrigger = new Option<string?>("--certificate-github-workflow-trigger") { Description = "Keyless: the event that triggered the workflow (push, release, ...).", HelpName = "EVENT" };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "Keyless: Sigstore trusted_root.json naming the Fulcio CAs, Rekor and CT log keys (default: the bundled public-good root; give a refreshed or private one here).", HelpName = "FILE" };
        var anyIdentity = new Option<bool>("--allow-any-identity") { Description = "Keyless: accept an identity regexp that matches any identity." };
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
            identity,
            identityRegexp,
            oidcIssuer,
            workflowRepository,
            workflowRef,
            workflowTrigger,
            trustedRoot,
            anyIdentity,
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
            var keyPath = parse.GetValue(key);
            var keylessFlags = new[] { identity, identityRegexp, oidcIssuer, workflowRepository, workflowRef, workflowTrigger, trustedRoot }
                .Where(o => parse.GetValue(o) is not null).Select(o => o.Name).ToList();
            if (provenance.FileIdentity is not null && keylessFlags.Count == 0)
            {
                keylessFlags.Add("the policy file's [identity] table");
            }

            KeylessVerifier? keyless = null;
            string? rootSource = null;
            if (keyPath is not null && keylessFlags.Count > 0)
            {
                throw SlipwayException.Input(ErrorCode.InvalidUsage, $"--key and {keylessFlags[0]} exclude each other (a key, or a keyless identity policy)");
            }

            if (keyPath is null)
            {
                var given = new IdentityPolicyValues(
                    parse.GetValue(identity), parse.GetValue(identityRegexp), parse.GetValue(oidcIssuer), parse.GetValue(workflowRepository),
                    parse.GetValue(workflowRef), parse.GetValue(workflowTrigger), parse.GetValue(anyIdentity));
                var identityPolicy = (provenance.FileIdentity?.Over(given) ?? given).ToPolicy();
                var rootPath = parse.GetValue(trustedRoot);
                rootSource = rootPath ?? TrustedRoot.PublicGoodSource;
                keyless = new KeylessVerifier(rootPath is null ? TrustedRoot.PublicGood() : TrustedRoot.Parse(ReadBounded(rootPath), rootPath), identityPolicy);
            }

            using var publicKey = keyPath is null ? null : SigningContext.LoadVerificationKey(context, keyPath);
            using var registry = RegistryAccess.CreateClient(context, parse, image);
            var report = ProvenancePolicyOptions.Apply(
                await new ImageVerifier(registry, publicKey, references, keyless).VerifyAsync(image, types, cancellationToken), policy);
            if (parse.GetValue(json))
            {
                WriteJson(host.Out, report, rootSource);
            }
            else
            {
                host.Out.WriteLine($"{report.Image.Name}@{report.Digest}");
                if (rootSource is not null)
                {
                    host.Out.WriteLine($"  trusted root: {rootSource}");
                }

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

    /// <summary>The trusted root, read up to its cap (a larger file is refused, not buffered).</summary>
    private static byte[] ReadBounded(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[TrustedRoot.MaxSize + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
            }

            return read > TrustedRoot.MaxSize
                ? throw SlipwayException.Input(ErrorCode.TrustedRootInvalid, $"{path}: not a usable Sigstore trusted root: larger than {TrustedRoot.MaxSize} bytes")
                : buffer[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SlipwayException.Input(ErrorCode.TrustedRootInvalid, $"{path}: not a usable Sigstore trusted root: {e.Message}");
        }
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

    private static void WriteJson(TextWriter output, VerificationReport report, string? rootSource) =>
        JsonOutput.Write(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("image", report.Image.Name);
            writer.WriteString("digest", report.Digest.ToString());
            if (rootSource is not null)
            {
                writer.WriteString("trustedRoot", rootSource);
            }

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
