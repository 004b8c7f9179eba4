namespace Slipway.Pipeline.Outputs;

/// <summary>
/// One release tag approving will point at <see cref="Digest"/>: the digest it names now (<see cref="From"/>, null
/// when the tag does not exist yet), and whether it moves at all (a floating tag stays for a lower release) and why.
/// </summary>
public sealed record PendingTagMove(string Repository, string Tag, string Digest, string? From, bool Moves, string Reason);
