namespace Slipway.Tests.Oci;

/// <summary>Tests that measure the process's allocations run alone, so other tests' allocations do not count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredGroup
{
    public const string Name = "allocation measured";
}
