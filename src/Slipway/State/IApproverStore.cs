namespace Slipway.State;

/// <summary>
/// Approvers' credentials for the approval page: personal access tokens and browser sessions. Only the SHA-256 hash
/// of a token or session secret is stored (<see cref="ApproverSecret"/>), so a copy of the journal signs no one in.
/// Expiry is decided by the journal's clock.
/// </summary>
public interface IApproverStore
{
    /// <summary>Stores a new token of <paramref name="name"/> by its hash; returns the token's id.</summary>
    Task<ApproverToken> AddTokenAsync(string name, string secretHash, DateTimeOffset expires, CancellationToken cancellationToken = default);

    /// <summary>The live (not revoked, not expired) token whose secret hashes to <paramref name="secretHash"/>, or null.</summary>
    Task<ApproverToken?> FindTokenAsync(string secretHash, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApproverToken>> TokensAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes the token with id <paramref name="nameOrId"/>, or every token of that approver, and ends their sessions; returns how many tokens.</summary>
    Task<int> RevokeAsync(string nameOrId, CancellationToken cancellationToken = default);

    Task AddSessionAsync(ApproverSession session, string secretHash, CancellationToken cancellationToken = default);

    /// <summary>The live session whose secret hashes to <paramref name="secretHash"/>, or null.</summary>
    Task<ApproverSession?> FindSessionAsync(string secretHash, CancellationToken cancellationToken = default);

    Task EndSessionAsync(string secretHash, CancellationToken cancellationToken = default);
}
