using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>The public release: its tag, the commit it names, where it is, and whether this run created it.</summary>
public sealed record ReleaseCreated(string Tag, string Commit, string Location, bool Created) : IStepOutput<ReleaseCreated>
{
    public static JsonTypeInfo<ReleaseCreated> JsonInfo => StepOutputContext.Default.ReleaseCreated;
}
