using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What draft-release journals: the forge's draft (its id, whether this run created it) and the assets it carries.</summary>
public sealed record DraftReleased(string Tag, long Id, bool Created, IReadOnlyList<string> Assets) : IStepOutput<DraftReleased>
{
    public static JsonTypeInfo<DraftReleased> JsonInfo => StepOutputContext.Default.DraftReleased;
}
