using Slipway.State;

namespace Slipway.Cli.Web;

/// <summary>The approver store and run catalog of an opened journal (both journals are; a test double may not be).</summary>
internal static class ApproverStores
{
    public static IApproverStore Of(IRunJournal journal) => journal as IApproverStore ?? throw WebErrors.StoreUnsupported();

    public static IRunCatalog CatalogOf(IRunJournal journal) => journal as IRunCatalog ?? throw WebErrors.StoreUnsupported();
}
