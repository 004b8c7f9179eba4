using System.Globalization;

namespace Slipway.State;

/// <summary>Runs listed for the approval page, and decisions recorded in one transaction (<see cref="IRunCatalog"/>).</summary>
public abstract partial class AdoRunJournal
{
    private const string DecisionKinds = "('" + RunEventKinds.Approved + "', '" + RunEventKinds.Rejected + "')";

    public Task<RunListing> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string>();
        var parameters = new List<(string Name, object? Value)>();
        if (query.Project is { } project)
        {
            filters.Add("project = @p");
            parameters.Add(("@p", project));
        }

        if (query.Status is { } status)
        {
            filters.Add("status = @s");
            parameters.Add(("@s", StatusNames.Of(status)));
        }

        if (query.Version is { } version)
        {
            filters.Add("version = @v");
            parameters.Add(("@v", version));
        }

        var where = filters.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", filters);
        return LockedAsync(async () =>
        {
            int total;
            await using (var count = Command(null, $"SELECT COUNT(*) FROM runs {where}", [.. parameters]))
            {
                total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            var runs = await QueryRunsAsync(
                null,
                $"{where} ORDER BY created_at DESC, id DESC LIMIT {Math.Clamp(query.Limit, 1, 1000)} OFFSET {Math.Max(query.Offset, 0)}",
                cancellationToken,
                [.. parameters]);
            var summaries = new List<RunSummary>(runs.Count);
            foreach (var run in runs)
            {
                var decision = await DecisionOfAsync(null, run.Id, cancellationToken);
                summaries.Add(new RunSummary(run, decision?.Kind, decision?.Actor));
            }

            return new RunListing(summaries, total);
        }, cancellationToken);
    }

    public Task<RunDecision> DecideAsync(string runId, string stepName, string kind, string actor, string? detail, string configHash, CancellationToken cancellationToken = default)
    {
        if (kind is not (RunEventKinds.Approved or RunEventKinds.Rejected))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "a decision is an approval or a rejection");
        }

        return LockedAsync(async () =>
        {
            await using var transaction = await BeginWriteAsync(RunScope(runId), cancellationToken);
            var run = (await QueryRunsAsync(transaction, "WHERE id = @id", cancellationToken, ("@id", runId))).FirstOrDefault();
            if (run is null)
            {
                return new RunDecision(RunDecisionOutcome.NotFound, null, null);
            }

            if (await DecisionOfAsync(transaction, runId, cancellationToken) is { } earlier)
            {
                return new RunDecision(RunDecisionOutcome.AlreadyDecided, run, earlier);
            }

            if (run.Status != RunStatus.AwaitingApproval)
            {
                return new RunDecision(RunDecisionOutcome.NotAwaitingApproval, run, null);
            }

            if (run.ConfigHash != configHash)
            {
                return new RunDecision(RunDecisionOutcome.ConfigurationChanged, run, null);
            }

            var now = Now();
            await InsertEventAsync(transaction, runId, now, kind, actor, stepName, detail, cancellationToken);
            await TouchAsync(transaction, runId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RunDecision(RunDecisionOutcome.Recorded, run, null);
        }, cancellationToken);
    }

    private async Task<RunEvent?> DecisionOfAsync(System.Data.Common.DbTransaction? transaction, string runId, CancellationToken cancellationToken)
    {
        await using var command = Command(
            transaction,
            $"SELECT id, at, kind, actor, step, detail FROM events WHERE run_id = @id AND kind IN {DecisionKinds} ORDER BY id DESC LIMIT 1",
            ("@id", runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RunEvent(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
    }
}
