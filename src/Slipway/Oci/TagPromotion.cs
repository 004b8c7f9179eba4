namespace Slipway.Oci;

/// <summary>
/// One target tag after a promotion: what it named before (null: it did not exist — the rollback deletes it), what it
/// names now, and whether that is the promoted digest.
/// </summary>
public sealed record TagPromotion(string Tag, Digest? Previous, Digest? Current, bool Verified, string? Error = null)
{
    /// <summary>The tag names the promoted digest now and did not before: this promotion moved it.</summary>
    public bool Moved(Digest promoted) => Current == promoted && Previous != promoted;
}
