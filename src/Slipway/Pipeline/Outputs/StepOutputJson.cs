using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Pipeline.Outputs;

/// <summary>Between a step output record and the journal's JSON object, through <see cref="StepOutputContext"/>.</summary>
public static class StepOutputJson
{
    public static JsonObject Write<T>(T output)
        where T : IStepOutput<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        return JsonSerializer.SerializeToNode(output, T.JsonInfo)!.AsObject();
    }

    /// <summary>Reads what <paramref name="stepName"/> journaled; a shape this version cannot read fails with SLW8090.</summary>
    public static T Read<T>(JsonObject outputs, string stepName)
        where T : IStepOutput<T>
    {
        ArgumentNullException.ThrowIfNull(outputs);
        try
        {
            return outputs.Deserialize(T.JsonInfo) ?? throw new JsonException("the outputs are null");
        }
        catch (JsonException e)
        {
            throw PipelineErrors.OutputUnreadable(stepName, e.Message);
        }
    }
}
