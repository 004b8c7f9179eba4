using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// Who a keyless certificate must name, with cosign's option names: the identity (the SAN) exactly or by a regular
/// expression (unanchored, as cosign matches it), the OIDC issuer and the GitHub workflow claims Fulcio records as
/// extensions 1.3.6.1.4.1.57264.1.*. <see cref="Create"/> refuses policies that let another repository's workflow through.
/// </summary>
public sealed record IdentityPolicy(
    string? Identity, Regex? IdentityPattern, string Issuer, string? WorkflowRepository, string? WorkflowRef, string? WorkflowTrigger)
{
    public const string IssuerV1Oid = "1.3.6.1.4.1.57264.1.1";
    public const string WorkflowTriggerOid = "1.3.6.1.4.1.57264.1.2";
    public const string WorkflowRepositoryOid = "1.3.6.1.4.1.57264.1.5";
    public const string WorkflowRefOid = "1.3.6.1.4.1.57264.1.6";
    public const string IssuerOid = "1.3.6.1.4.1.57264.1.8";

    private static readonly string[] UnrelatedIdentities =
    [
        "https://attacker.invalid/evil/.github/workflows/x.yml@refs/heads/main",
        "mallory@attacker.invalid",
    ];

    public const string IdentityOption = "--certificate-identity";
    public const string IdentityRegexpOption = "--certificate-identity-regexp";
    public const string IssuerOption = "--certificate-oidc-issuer";
    public const string WorkflowRepositoryOption = "--certificate-github-workflow-repository";
    public const string AllowAnyIdentityOption = "--allow-any-identity";

    /// <summary>
    /// A policy from the values given; <paramref name="source"/> names where an option's value came from in errors (a policy
    /// file's key), and <paramref name="regexpFromFile"/> says the identity regexp is a policy file's, so a hint names the
    /// file's keys (<c>github-workflow-repository</c>, <c>allow-any-identity</c>) instead of options never given.
    /// </summary>
    public static IdentityPolicy Create(
        string? identity, string? identityRegexp, string? issuer, string? workflowRepository, string? workflowRef, string? workflowTrigger, bool allowAnyIdentity,
        Func<string, string>? source = null, bool regexpFromFile = false)
    {
        source ??= option => option;
        if (identity is not null && identityRegexp is not null)
        {
            throw SigningErrors.IdentityPolicyInvalid(
                $"{source(IdentityOption)} and {source(IdentityRegexpOption)} are both given; keyless verification needs exactly one of them");
        }

        if (identity is null && identityRegexp is null)
        {
            throw SigningErrors.IdentityPolicyInvalid(
                $"keyless verification needs exactly one of {IdentityOption} and {IdentityRegexpOption}");
        }

        if (string.IsNullOrEmpty(issuer))
        {
            throw SigningErrors.IdentityPolicyInvalid(
                issuer is null ? $"keyless verification needs {IssuerOption}" : $"{source(IssuerOption)} is empty; keyless verification needs an OIDC issuer",
                "GitHub Actions: https://token.actions.githubusercontent.com");
        }

        Regex? pattern = null;
        if (identityRegexp is not null)
        {
            var where = source(IdentityRegexpOption);
            try
            {
                pattern = new Regex(identityRegexp, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw SigningErrors.IdentityPolicyInvalid($"{where} is not a regular expression: {e.Message}");
            }

            if (UnescapedDot(identityRegexp) is { } at)
            {
                throw SigningErrors.IdentityPolicyInvalid(
                    $"{where} has an unescaped '.' at {at}, which matches any character (another repository's name too)",
                    "write \\. for a literal dot");
            }

            if (!allowAnyIdentity && workflowRepository is null && UnrelatedIdentities.Any(pattern.IsMatch))
            {
                throw SigningErrors.IdentityPolicyInvalid(
                    $"{where} '{identityRegexp}' matches any identity, other repositories' workflows included",
                    regexpFromFile
                        ? $"anchor it (^https://github\\.com/OWNER/REPO/...$), add {FileKey(WorkflowRepositoryOption)} = \"OWNER/REPO\" to the same [identity] table, or set {FileKey(AllowAnyIdentityOption)} = true there"
                        : $"anchor it (^https://github\\.com/OWNER/REPO/...$), add {WorkflowRepositoryOption}, or pass {AllowAnyIdentityOption}");
            }
        }

        return new IdentityPolicy(identity, pattern, issuer, workflowRepository, workflowRef, workflowTrigger);
    }

    /// <summary>The key of a policy file's <c>[identity]</c> table for <paramref name="option"/>: cosign's option name without <c>--</c> and <c>certificate-</c>.</summary>
    public static string FileKey(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var key = option.TrimStart('-');
        return key.StartsWith("certificate-", StringComparison.Ordinal) ? key["certificate-".Length..] : key;
    }

    /// <summary>Null when the certificate satisfies the policy, else why not.</summary>
    public string? Check(X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var identities = SubjectAlternativeNames(leaf);
        var matched = identities.FirstOrDefault(i => Identity is not null ? string.Equals(i, Identity, StringComparison.Ordinal) : IdentityPattern!.IsMatch(i));
        if (matched is null)
        {
            return $"the certificate's identity ({string.Join(", ", identities)}) is not {(Identity is not null ? Identity : $"matched by '{IdentityPattern}'")}";
        }

        var issuer = Extension(leaf, IssuerOid, der: true) ?? Extension(leaf, IssuerV1Oid, der: false);
        if (!string.Equals(issuer, Issuer, StringComparison.Ordinal))
        {
            return $"the certificate's OIDC issuer is '{issuer}', not '{Issuer}'";
        }

        if (Mismatch(leaf, WorkflowRepositoryOid, WorkflowRepository, "workflow repository") is { } repository)
        {
            return repository;
        }

        if (Mismatch(leaf, WorkflowRefOid, WorkflowRef, "workflow ref") is { } reference)
        {
            return reference;
        }

        if (Mismatch(leaf, WorkflowTriggerOid, WorkflowTrigger, "workflow trigger") is { } trigger)
        {
            return trigger;
        }

        // A workflow identity names the ref it ran at; a pull request's merge ref is no release.
        var at = matched.LastIndexOf('@');
        if (WorkflowRef is null && at >= 0 && matched.StartsWith("https://", StringComparison.Ordinal))
        {
            var gitRef = matched[(at + 1)..];
            if (!gitRef.StartsWith("refs/heads/", StringComparison.Ordinal) && !gitRef.StartsWith("refs/tags/", StringComparison.Ordinal))
            {
                return $"the certificate's workflow ran at '{gitRef}', outside refs/heads/ and refs/tags/ (name it with --certificate-github-workflow-ref to accept it)";
            }
        }

        return null;
    }

    public string Describe() =>
        (Identity ?? $"/{IdentityPattern}/") + $" from {Issuer}"
        + (WorkflowRepository is null ? string.Empty : $", repository {WorkflowRepository}")
        + (WorkflowRef is null ? string.Empty : $", ref {WorkflowRef}")
        + (WorkflowTrigger is null ? string.Empty : $", trigger {WorkflowTrigger}");

    private static string? Mismatch(X509Certificate2 leaf, string oid, string? expected, string what)
    {
        if (expected is null)
        {
            return null;
        }

        var actual = Extension(leaf, oid, der: false);
        return string.Equals(actual, expected, StringComparison.Ordinal)
            ? null
            : $"the certificate's {what} is '{actual ?? "(none)"}', not '{expected}'";
    }

    // Fulcio's first extensions hold the raw UTF-8 value; the later ones a DER UTF8String.
    internal static string? Extension(X509Certificate2 leaf, string oid, bool der)
    {
        if (leaf.Extensions[oid] is not { } extension)
        {
            return null;
        }

        if (!der)
        {
            return Encoding.UTF8.GetString(extension.RawData);
        }

        try
        {
            return new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>The SAN's URIs and email addresses (GeneralName [6] and [1]), what Fulcio names the identity by.</summary>
    public static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var names = new List<string>();
        if (leaf.Extensions["2.5.29.17"] is not { } extension)
        {
            return names;
        }

        try
        {
            var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && !tag.IsConstructed && tag.TagValue is 1 or 6)
                {
                    names.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else
                {
                    sequence.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            names.Clear();
        }

        return names;
    }

    /// <summary>The position of a '.' that is neither escaped, in a character class, nor followed by a quantifier (.* .+ .? .{).</summary>
    private static int? UnescapedDot(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    inClass = true;
                    break;
                case ']':
                    inClass = false;
                    break;
                case '.' when !inClass && (i + 1 >= pattern.Length || "*+?{".IndexOf(pattern[i + 1], StringComparison.Ordinal) < 0):
                    return i;
            }
        }

        return null;
    }
}
