namespace Slipway.Oci;

/// <summary>
/// Promote the manifest <see cref="Source"/> names — which must be <see cref="Digest"/> — to <see cref="Tags"/> in the
/// source repository, or in <see cref="Target"/> (same registry; blobs are mounted across first).
/// </summary>
public sealed record PromoteRequest(ImageReference Source, Digest Digest, IReadOnlyList<string> Tags, ImageReference? Target = null)
{
    public ImageReference TargetRepository => (Target ?? Source).Untargeted();

    public bool CrossRepository => TargetRepository != Source.Untargeted();

    /// <summary>Bad input is refused before any request: invalid or repeated tags, a target on another registry.</summary>
    public void Validate()
    {
        if (Tags.Count == 0)
        {
            throw OciErrors.InvalidPromotion($"promote {Source}: name at least one target tag (--tag)");
        }

        foreach (var tag in Tags)
        {
            if (!ImageReference.IsValidTag(tag))
            {
                throw OciErrors.InvalidTag(tag);
            }
        }

        var repeated = Tags.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw OciErrors.InvalidPromotion($"promote {Source}: tag '{repeated.Key}' is given twice");
        }

        if (Target is not null && Target.Registry != Source.Registry)
        {
            throw OciErrors.InvalidPromotion($"promote {Source} to {Target}: promotion copies within one registry; push the layout to the other registry instead");
        }
    }
}
