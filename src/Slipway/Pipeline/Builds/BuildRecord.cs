using System.Text.Json.Nodes;

namespace Slipway.Pipeline.Builds;

/// <summary>
/// What a build left, as the build step journals it beside its log: every layout (<c>layouts</c>) and every artifact
/// (<c>artifacts</c>). A step on another machine checks the build output it was handed against it before using it.
/// </summary>
public sealed record BuildRecord(IReadOnlyList<LayoutRecord> Layouts, IReadOnlyList<ArtifactRecord> Artifacts)
{
    public const string LayoutsKey = "layouts";
    public const string ArtifactsKey = "artifacts";

    public void WriteTo(JsonObject outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var layouts = new JsonArray();
        foreach (var layout in Layouts)
        {
            layouts.Add((JsonNode)layout.ToJson());
        }

        var artifacts = new JsonArray();
        foreach (var artifact in Artifacts)
        {
            artifacts.Add((JsonNode)artifact.ToJson());
        }

        outputs[LayoutsKey] = layouts;
        outputs[ArtifactsKey] = artifacts;
    }

    /// <summary>Null when the outputs hold no record (a journal written before builds were recorded).</summary>
    public static BuildRecord? FromOutputs(JsonObject? outputs)
    {
        if (outputs?[LayoutsKey] is not JsonArray layouts)
        {
            return null;
        }

        var artifacts = outputs[ArtifactsKey] is JsonArray list ? list.Select(a => ArtifactRecord.FromJson(a!)).OfType<ArtifactRecord>().ToList() : [];
        return new BuildRecord([.. layouts.Select(l => LayoutRecord.FromJson(l!))], artifacts);
    }
}
