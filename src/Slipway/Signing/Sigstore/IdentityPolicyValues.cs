namespace Slipway.Signing.Sigstore;

/// <summary>
/// The keyless identity policy as given (by <c>--certificate-*</c> options or the <c>[identity]</c> table of
/// <c>--policy FILE</c>), before <see cref="IdentityPolicy.Create"/> checks it. <see cref="Over"/> lets the options win.
/// </summary>
public sealed record IdentityPolicyValues(
    string? Identity, string? IdentityRegexp, string? Issuer, string? WorkflowRepository, string? WorkflowRef, string? WorkflowTrigger, bool AllowAnyIdentity)
{
    public bool IsEmpty => this == new IdentityPolicyValues(null, null, null, null, null, null, false);

    /// <summary>These values with <paramref name="given"/>'s where it has one; an identity given replaces both of the file's identity keys.</summary>
    public IdentityPolicyValues Over(IdentityPolicyValues given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var identityGiven = given.Identity is not null || given.IdentityRegexp is not null;
        return new IdentityPolicyValues(
            identityGiven ? given.Identity : Identity,
            identityGiven ? given.IdentityRegexp : IdentityRegexp,
            given.Issuer ?? Issuer,
            given.WorkflowRepository ?? WorkflowRepository,
            given.WorkflowRef ?? WorkflowRef,
            given.WorkflowTrigger ?? WorkflowTrigger,
            given.AllowAnyIdentity || AllowAnyIdentity);
    }

    public IdentityPolicy ToPolicy() =>
        IdentityPolicy.Create(Identity, IdentityRegexp, Issuer, WorkflowRepository, WorkflowRef, WorkflowTrigger, AllowAnyIdentity);
}
