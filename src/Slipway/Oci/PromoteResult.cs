using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>The outcome of one promotion, tag by tag; on a partial failure it says exactly which tags moved.</summary>
public sealed record PromoteResult(PromoteRequest Request, string MediaType, IReadOnlyList<TagPromotion> Tags)
{
    public Digest Digest => Request.Digest;

    public bool Succeeded => Tags.All(t => t.Verified);

    public IReadOnlyList<string> MovedTags => [.. Tags.Where(t => t.Moved(Digest)).Select(t => t.Tag)];

    public void EnsureSucceeded()
    {
        if (Succeeded)
        {
            return;
        }

        var failed = Tags.Where(t => !t.Verified).ToList();
        var moved = MovedTags;
        var detail = string.Join("; ", failed.Select(t => $"{t.Tag}: {t.Error ?? $"names {t.Current?.ToString() ?? "nothing"}"}"));
        throw SlipwayException.Failure(
            failed.All(t => t.Error is null) ? ErrorCode.PromoteVerificationFailed : ErrorCode.PromotePartiallyFailed,
            $"promote {Request.Source} ({Digest}): {failed.Count} of {Tags.Count} tag(s) failed ({detail}); moved: {(moved.Count == 0 ? "none" : string.Join(", ", moved))}",
            moved.Count == 0 ? null : "the moved tags name the promoted digest; roll them back or re-run the promotion");
    }
}
