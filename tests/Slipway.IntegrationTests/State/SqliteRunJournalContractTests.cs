using Slipway.Diagnostics;
using Slipway.State;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.State;

public sealed class SqliteRunJournalContractTests : RunJournalContract, IDisposable
{
    private readonly TempDirectory _directory = new("journal");

    public void Dispose() => _directory.Dispose();

    protected override IRunJournal Open(TimeProvider? time = null) => SqliteRunJournal.Open(_directory[".slipway/state.db"], new SecretRedactor(), time);
}
