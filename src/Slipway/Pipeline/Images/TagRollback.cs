using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Images;

/// <summary>
/// Undoes tag moves, the last first: a tag that still names this run's digest goes back to the digest it named before,
/// or is removed when it did not exist; a tag that names anything else now (someone moved it since) is never touched.
/// Registry errors (401, 403) propagate, so the run stays compensation-failed and <c>slipway rollback</c> retries.
/// </summary>
public static class TagRollback
{
    public static async Task<IReadOnlyList<TagRollbackAction>> UndoAsync(IImageTags registry, IEnumerable<TagMove> moves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(moves);
        var actions = new List<TagRollbackAction>();
        foreach (var move in moves.Reverse())
        {
            var current = await registry.ResolveAsync(move.Repository, move.Tag, cancellationToken);
            if (current != move.Digest)
            {
                actions.Add(new TagRollbackAction(move, current is null ? TagRollbackKind.AlreadyGone : TagRollbackKind.LeftAlone));
                continue;
            }

            if (move.PreviousDigest is { } previous)
            {
                await registry.TagAsync(move.Repository, move.Tag, previous, cancellationToken);
                actions.Add(new TagRollbackAction(move, TagRollbackKind.Restored));
            }
            else
            {
                await registry.UntagAsync(move.Repository, move.Tag, move.Digest, cancellationToken);
                actions.Add(new TagRollbackAction(move, TagRollbackKind.Removed));
            }
        }

        return actions;
    }
}
