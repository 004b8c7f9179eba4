using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What draft-release journals: the forge's draft (its id, whether this run created it) and the assets it carries, with
/// the ones read from the registry (signatures, SBOMs, provenance) and where each came from.</summary>
public sealed record DraftReleased(string Tag, long Id, bool Created, IReadOnlyList<string> Assets, IReadOnlyList<ImageAsset>? FromRegistry = null) : IStepOutput<DraftReleased>
{
    public static JsonTypeInfo<DraftReleased> JsonInfo => StepOutputContext.Default.DraftReleased;
}
