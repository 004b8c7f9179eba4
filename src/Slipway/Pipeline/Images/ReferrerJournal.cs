using Slipway.Pipeline.Outputs;
using Slipway.Signing.Sigstore;

namespace Slipway.Pipeline.Images;

/// <summary>
/// Journals each bundle referrer a signing step is about to push, beside the cosign tags it recorded, so that a rollback
/// deletes exactly the referrers this run pushed and nothing an earlier release (or anyone else) attached to the digest.
/// </summary>
public sealed class ReferrerJournal
{
    private readonly StepContext _context;
    private readonly IReadOnlyList<ArtifactTag> _artifacts;
    private readonly List<BundleReferrer> _referrers;

    private ReferrerJournal(StepContext context, IReadOnlyList<ArtifactTag> artifacts, List<BundleReferrer> referrers)
    {
        _context = context;
        _artifacts = artifacts;
        _referrers = referrers;
    }

    public IReadOnlyList<BundleReferrer> Referrers => _referrers;

    /// <summary>Keeps what an earlier attempt of the step journaled.</summary>
    public static async Task<ReferrerJournal> OpenAsync(StepContext context, IReadOnlyList<ArtifactTag> artifacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var progress = await context.OwnProgressAsync<ArtifactTagProgress>(cancellationToken);
        return new ReferrerJournal(context, artifacts, [.. progress?.Referrers ?? []]);
    }

    public async Task RecordAsync(BundleReferrer referrer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        if (!_referrers.Contains(referrer))
        {
            _referrers.Add(referrer);
        }

        await _context.SaveProgressAsync(new ArtifactTagProgress { Artifacts = _artifacts, Referrers = _referrers }, cancellationToken);
    }
}
