using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.IntegrationTests.State;

public sealed class PostgresRunJournalContractTests(PostgresServer server) : RunJournalContract, IClassFixture<PostgresServer>, IAsyncLifetime
{
    private string _database = string.Empty;

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected override IRunJournal Open(TimeProvider? time = null) => PostgresRunJournal.Open(_database, null, new SecretRedactor(), time);

    [Fact]
    public async Task Migrates_an_older_database_forward_and_refuses_a_newer_one()
    {
        using (PostgresRunJournal.Open(_database, null, new SecretRedactor(), schemaVersion: 1))
        {
        }

        using (var journal = Open())
        {
            var run = (await journal.OpenRunAsync(Run(), Token)).Run;
            Assert.Single(await journal.EventsAsync(run.Id, Token));
        }

        await using (var connection = new Npgsql.NpgsqlConnection(_database))
        {
            await connection.OpenAsync(Token);
            await using var command = new Npgsql.NpgsqlCommand("UPDATE slipway_schema SET version = 99", connection);
            await command.ExecuteNonQueryAsync(Token);
        }

        var error = Assert.Throws<SlipwayException>(() => Open());
        Assert.Equal(ErrorCode.JournalSchemaTooNew, error.Code);
    }

    [Fact]
    public async Task The_event_log_is_append_only()
    {
        using var journal = Open();
        var run = (await journal.OpenRunAsync(Run(), Token)).Run;

        await using var connection = new Npgsql.NpgsqlConnection(_database);
        await connection.OpenAsync(Token);
        await using var update = new Npgsql.NpgsqlCommand("UPDATE events SET actor = 'mallory'", connection);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => update.ExecuteNonQueryAsync(Token));
        Assert.Null((await journal.EventsAsync(run.Id, Token)).Single().Actor);
    }
}
