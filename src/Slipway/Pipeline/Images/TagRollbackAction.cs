using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Images;

/// <summary>What rolling back one <see cref="TagMove"/> did, for the journal's event log.</summary>
public sealed record TagRollbackAction(TagMove Move, TagRollbackKind Kind)
{
    public override string ToString() => Kind switch
    {
        TagRollbackKind.Restored => $"{Move.Repository}:{Move.Tag} restored to {Move.PreviousDigest}",
        TagRollbackKind.Removed => $"{Move.Repository}:{Move.Tag} removed (it did not exist before)",
        TagRollbackKind.LeftAlone => $"{Move.Repository}:{Move.Tag} left alone (it no longer names {Move.Digest})",
        _ => $"{Move.Repository}:{Move.Tag} already gone",
    };
}
