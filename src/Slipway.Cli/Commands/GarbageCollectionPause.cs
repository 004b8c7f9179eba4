using System.Runtime;

namespace Slipway.Cli.Commands;

/// <summary>
/// A changelog command allocates in one burst (every fragment is held until the end) and then exits: collecting
/// garbage that the exit frees anyway only costs time, about a tenth of a draft of 10,000 fragments. Past the budget
/// the collector simply resumes; disposing ends the pause for a host that lives on (tests run commands in-process).
/// </summary>
internal sealed class GarbageCollectionPause : IDisposable
{
    private const long Budget = 64L * 1024 * 1024;

    private GarbageCollectionPause()
    {
    }

    public static GarbageCollectionPause Start()
    {
        try
        {
            GC.TryStartNoGCRegion(Budget);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Not available now (another pause is on); collecting as usual is only slower.
        }

        return new GarbageCollectionPause();
    }

    public void Dispose()
    {
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            return;
        }

        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The budget ran out and the collector already resumed.
        }
    }
}
