namespace Slipway.Signing.Sigstore;

/// <summary>
/// The keyless identity policy as given (by <c>--certificate-*</c> options or the <c>[identity]</c> table of
/// <c>--policy FILE</c>), before <see cref="IdentityPolicy.Create"/> checks it. <see cref="Over"/> lets the options win.
/// </summary>
public sealed record IdentityPolicyValues(
    string? Identity, string? IdentityRegexp, string? Issuer, string? WorkflowRepository, string? WorkflowRef, string? WorkflowTrigger, bool AllowAnyIdentity)
{
    /// <summary>
    /// Where values read from a policy file are (<c>FILE:LINE:COLUMN: identity.KEY</c>), by the option they stand for,
    /// so errors name the file rather than an option never given. Not part of the values' equality.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Origins { get; init; }

    public bool IsEmpty => this == new IdentityPolicyValues(null, null, null, null, null, null, false);

    public bool Equals(IdentityPolicyValues? other) =>
        other is not null
        && (Identity, IdentityRegexp, Issuer, WorkflowRepository, WorkflowRef, WorkflowTrigger, AllowAnyIdentity)
            == (other.Identity, other.IdentityRegexp, other.Issuer, other.WorkflowRepository, other.WorkflowRef, other.WorkflowTrigger, other.AllowAnyIdentity);

    public override int GetHashCode() => HashCode.Combine(Identity, IdentityRegexp, Issuer, WorkflowRepository, WorkflowRef, WorkflowTrigger, AllowAnyIdentity);

    /// <summary>These values with <paramref name="given"/>'s where it has one; an identity given replaces both of the file's identity keys.</summary>
    public IdentityPolicyValues Over(IdentityPolicyValues given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var identityGiven = given.Identity is not null || given.IdentityRegexp is not null;
        var origins = Origins?
            .Where(o => o.Key switch
            {
                IdentityPolicy.IdentityOption or IdentityPolicy.IdentityRegexpOption => !identityGiven,
                IdentityPolicy.IssuerOption => given.Issuer is null,
                _ => true,
            })
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        return new IdentityPolicyValues(
            identityGiven ? given.Identity : Identity,
            identityGiven ? given.IdentityRegexp : IdentityRegexp,
            given.Issuer ?? Issuer,
            given.WorkflowRepository ?? WorkflowRepository,
            given.WorkflowRef ?? WorkflowRef,
            given.WorkflowTrigger ?? WorkflowTrigger,
            given.AllowAnyIdentity || AllowAnyIdentity)
        {
            Origins = origins,
        };
    }

    public IdentityPolicy ToPolicy() =>
        IdentityPolicy.Create(
            Identity, IdentityRegexp, Issuer, WorkflowRepository, WorkflowRef, WorkflowTrigger, AllowAnyIdentity,
            option => Origins is not null && Origins.TryGetValue(option, out var origin) ? origin : option,
            regexpFromFile: IdentityRegexp is not null && Origins?.ContainsKey(IdentityPolicy.IdentityRegexpOption) == true);
}
