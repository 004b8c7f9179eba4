namespace Slipway.Signing.Provenance;

/// <summary>
/// Holds a verified provenance statement to a <see cref="ProvenancePolicy"/>: one check per required field, each
/// naming the field and, when it fails, both values. A build type Slipway cannot read fails every required field.
/// </summary>
public static class ProvenancePolicyCheck
{
    public static IReadOnlyList<VerificationCheck> Run(ProvenancePolicy policy, ReadOnlyMemory<byte> statement, string digest)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var required = Required(policy).ToList();
        if (!ProvenanceClaims.TryRead(statement, out var claims, out var error))
        {
            return [.. required.Select(r => Fail(r.Field, digest, error))];
        }

        if (!claims!.IsKnownBuildType)
        {
            return [.. required.Select(r => Fail(r.Field, digest, $"the build type {claims.BuildType} is not one Slipway reads ({SlsaProvenance.GitHubBuildType} or {SlsaProvenance.BuildType})"))];
        }

        return [.. required.Select(r => Compare(r.Field, digest, r.Expected, r.Actual(claims), r.Equal))];
    }

    /// <summary><c>https://github.com/o/n(.git)</c>, <c>git@github.com:o/n.git</c> and <c>ssh://git@github.com/o/n</c> as <c>github.com/o/n</c>.</summary>
    public static string? RepositoryKey(string? url)
    {
        if (url is null)
        {
            return null;
        }

        var text = url.Trim();
        if (text.StartsWith("git+", StringComparison.Ordinal))
        {
            text = text[4..];
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            text = uri.Host + uri.AbsolutePath;
        }
        else if (text.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 && text.IndexOf(':', StringComparison.Ordinal) > at)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            text = text[(at + 1)..colon] + "/" + text[(colon + 1)..];
        }

        text = text.TrimEnd('/');
        return text.EndsWith(".git", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static IEnumerable<(string Field, string Expected, Func<ProvenanceClaims, string?> Actual, Func<string, string, bool> Equal)> Required(ProvenancePolicy policy)
    {
        static bool Exact(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

        // GitHub owner and repository names are case-insensitive, as are host names.
        static bool Repository(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        if (policy.SourceRepository is { } repository)
        {
            yield return ("source-repository", repository, c => RepositoryKey(c.Repository), Repository);
        }

        if (policy.SourceRef is { } sourceRef)
        {
            yield return ("source-ref", sourceRef, c => c.SourceRef, Exact);
        }

        if (policy.SourceCommit is { } commit)
        {
            yield return ("source-commit", commit, c => c.SourceCommit?.ToLowerInvariant(), Exact);
        }

        if (policy.Workflow is { } workflow)
        {
            yield return ("workflow", workflow, c => c.Workflow, Exact);
        }

        if (policy.BuilderId is { } builder)
        {
            yield return ("builder-id", builder, c => c.BuilderId, Exact);
        }

        if (policy.RunnerEnvironment is { } runner)
        {
            yield return ("runner-environment", runner, c => c.RunnerEnvironment, Exact);
        }
    }

    private static VerificationCheck Compare(string field, string digest, string expected, string? actual, Func<string, string, bool> equal) =>
        actual is null
            ? Fail(field, digest, $"required {expected}, the provenance does not claim one")
            : equal(expected, actual)
                ? new VerificationCheck(Name(field, digest), true, actual)
                : Fail(field, digest, $"required {expected}, the provenance says {actual}");

    private static VerificationCheck Fail(string field, string digest, string detail) => new(Name(field, digest), false, detail);

    private static string Name(string field, string digest) => $"provenance {field} {digest}";
}
