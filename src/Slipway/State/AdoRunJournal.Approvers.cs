namespace Slipway.State;

/// <summary>Approvers' tokens and sessions (<see cref="IApproverStore"/>), stored by hash.</summary>
public abstract partial class AdoRunJournal
{
    public Task<ApproverToken> AddTokenAsync(string name, string secretHash, DateTimeOffset expires, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            var token = new ApproverToken("tok-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)), name, Now(), expires, null);
            await WriteAsync(
                null,
                "INSERT INTO approver_tokens (id, name, hash, created_at, expires_at) VALUES (@id, @n, @h, @c, @e)",
                cancellationToken,
                ("@id", token.Id),
                ("@n", name),
                ("@h", secretHash),
                ("@c", Text(token.CreatedAt)),
                ("@e", Text(expires)));
            return token;
        }, cancellationToken);

    public Task<ApproverToken?> FindTokenAsync(string secretHash, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            var found = await QueryTokensAsync("WHERE hash = @h AND revoked_at IS NULL", cancellationToken, ("@h", secretHash));
            return found.FirstOrDefault(t => t.Expires > Now());
        }, cancellationToken);

    public Task<IReadOnlyList<ApproverToken>> TokensAsync(CancellationToken cancellationToken = default) =>
        LockedAsync<IReadOnlyList<ApproverToken>>(async () => await QueryTokensAsync("ORDER BY created_at, id", cancellationToken), cancellationToken);

    public Task<int> RevokeAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync("approver-tokens", cancellationToken);
            var ids = new List<string>();
            await using (var command = Command(transaction, "SELECT id FROM approver_tokens WHERE (id = @x OR lower(name) = lower(@x)) AND revoked_at IS NULL", ("@x", nameOrId)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }
            }

            foreach (var id in ids)
            {
                await WriteAsync(transaction, "UPDATE approver_tokens SET revoked_at = @now WHERE id = @id", cancellationToken, ("@now", Text(Now())), ("@id", id));
                await WriteAsync(transaction, "DELETE FROM approver_sessions WHERE token_id = @id", cancellationToken, ("@id", id));
            }

            await transaction.CommitAsync(cancellationToken);
            return ids.Count;
        }, cancellationToken);

    public Task AddSessionAsync(ApproverSession session, string secretHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return LockedAsync(
            async () =>
            {
                await WriteAsync(null, "DELETE FROM approver_sessions WHERE expires_at < @now", cancellationToken, ("@now", Text(Now())));
                await WriteAsync(
                    null,
                    "INSERT INTO approver_sessions (hash, name, csrf, token_id, created_at, expires_at) VALUES (@h, @n, @c, @t, @at, @e)",
                    cancellationToken,
                    ("@h", secretHash),
                    ("@n", session.Name),
                    ("@c", session.Csrf),
                    ("@t", session.TokenId),
                    ("@at", Text(session.CreatedAt)),
                    ("@e", Text(session.Expires)));
            },
            cancellationToken);
    }

    public Task<ApproverSession?> FindSessionAsync(string secretHash, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            await using var command = Command(null, "SELECT name, csrf, token_id, created_at, expires_at FROM approver_sessions WHERE hash = @h", ("@h", secretHash));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var session = new ApproverSession(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), Parse(reader.GetString(3)), Parse(reader.GetString(4)));
            return session.Expires > Now() ? session : null;
        }, cancellationToken);

    public Task EndSessionAsync(string secretHash, CancellationToken cancellationToken = default) =>
        LockedAsync(() => WriteAsync(null, "DELETE FROM approver_sessions WHERE hash = @h", cancellationToken, ("@h", secretHash)), cancellationToken);

    private async Task<List<ApproverToken>> QueryTokensAsync(string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(null, $"SELECT id, name, created_at, expires_at, revoked_at FROM approver_tokens {where}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tokens = new List<ApproverToken>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new ApproverToken(reader.GetString(0), reader.GetString(1), Parse(reader.GetString(2)), Parse(reader.GetString(3)), ParseOrNull(reader, 4)));
        }

        return tokens;
    }
}
