using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Slipway.Signing.Provenance;
using Slipway.Signing.Sigstore;

namespace Slipway.Notes;

/// <summary>
/// The release body's "Verify" section: for each released image, by digest, the exact <c>slipway verify</c> command
/// (the signature, and the provenance policy the journaled provenance satisfies) and the <c>cosign verify</c> command
/// (cosign v3's flags). Key mode names the public key where <c>[signing] public-key</c> says it is published, else
/// <see cref="PlaceholderKey"/>; keyless mode names the identity the certificate named when the run signed.
/// </summary>
public sealed record VerifyInstructions(IReadOnlyList<string> Images, string? PublicKey, SignerIdentity? Keyless, ProvenancePolicy Provenance)
{
    public const string Heading = "## Verify";

    /// <summary>Stands for the public key when the configuration does not say where it is published.</summary>
    public const string PlaceholderKey = "PATH/TO/RELEASE-SIGNING-KEY.pub";

    // Arguments that need no quoting in a POSIX shell; anything else is single-quoted.
    private static readonly SearchValues<char> Plain = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%+=:,./_-");

    /// <summary>The <c>slipway verify</c> arguments for <paramref name="image"/> (a <c>repository@digest</c>).</summary>
    public IReadOnlyList<string> Slipway(string image) =>
        ["slipway", "verify", image, .. Signer(), .. Provenance.ToOptions()];

    /// <summary>The <c>cosign verify</c> arguments for <paramref name="image"/>: cosign v3 reads bundles and the legacy layout.</summary>
    public IReadOnlyList<string> Cosign(string image) =>
        // A key-signed signature is not in Rekor (Slipway logs only keyless ones), which cosign must be told.
        ["cosign", "verify", .. Signer(), .. Keyless is null ? (string[])["--insecure-ignore-tlog=true"] : [], image];

    public string Markdown()
    {
        var text = new StringBuilder(Heading).Append("\n\n");
        text.Append(Keyless is null
            ? PublicKey is null
                ? $"The images are signed with the project's key; `{PlaceholderKey}` stands for its public key.\n"
                : $"The images are signed with the project's key, whose public key is at {PublicKey}.\n"
            : $"The images are signed keylessly by `{Keyless.Identity}` (issuer {Keyless.Issuer}).\n");
        foreach (var image in Images)
        {
            text.Append("\n```sh\n").Append(Command(Slipway(image))).Append('\n').Append(Command(Cosign(image))).Append("\n```\n");
        }

        return text.ToString();
    }

    /// <summary>One shell command line: each argument as is when plain, else single-quoted.</summary>
    public static string Command(IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(a => a.Length > 0 && !a.AsSpan().ContainsAnyExcept(Plain) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    /// <summary>
    /// The identity as a regexp: the workflow file exactly (dots escaped), at any branch or tag, so the command also
    /// verifies later releases of the same workflow; a ref outside refs/heads and refs/tags (a pull request) fails.
    /// </summary>
    public static string IdentityRegexp(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var at = identity.LastIndexOf('@');
        return at < 0 ? "^" + Regex.Escape(identity) + "$" : "^" + Regex.Escape(identity[..at]) + "@refs/(heads|tags)/";
    }

    private List<string> Signer()
    {
        if (Keyless is not { } signer)
        {
            return ["--key", PublicKey ?? PlaceholderKey];
        }

        var options = signer.WorkflowRepository is { } repository
            ? new List<string> { "--certificate-identity-regexp", IdentityRegexp(signer.Identity), "--certificate-oidc-issuer", signer.Issuer, "--certificate-github-workflow-repository", repository }
            : ["--certificate-identity", signer.Identity, "--certificate-oidc-issuer", signer.Issuer];
        return options;
    }
}
