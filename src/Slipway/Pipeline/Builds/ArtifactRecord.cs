using System.Text.Json.Nodes;

namespace Slipway.Pipeline.Builds;

/// <summary>
/// One <c>[build] artifacts</c> entry as the build left it: a file with its SHA-256 and size, or a directory with every
/// file under it (<see cref="Files"/>). The journal form keeps the earlier <c>{path, kind, sha256}</c> and adds to it.
/// </summary>
public sealed record ArtifactRecord(string Path, string Kind, IReadOnlyList<ArtifactFile> Files)
{
    public const string FileKind = "file";
    public const string DirectoryKind = "directory";

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["path"] = Path, ["kind"] = Kind };
        if (Kind == FileKind)
        {
            json["sha256"] = Files[0].Sha256;
            json["size"] = Files[0].Size;
            return json;
        }

        var files = new JsonArray();
        foreach (var file in Files)
        {
            files.Add((JsonNode)new JsonObject { ["path"] = file.Path, ["sha256"] = file.Sha256, ["size"] = file.Size });
        }

        json["files"] = files;
        return json;
    }

    /// <summary>Null for an entry journaled before sizes were recorded (nothing to verify it against).</summary>
    public static ArtifactRecord? FromJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var path = node["path"]!.GetValue<string>();
        var kind = node["kind"]!.GetValue<string>();
        if (kind == FileKind)
        {
            return node["size"] is null ? null : new ArtifactRecord(path, kind, [new ArtifactFile(path, node["sha256"]!.GetValue<string>(), node["size"]!.GetValue<long>())]);
        }

        return node["files"] is not JsonArray files
            ? null
            : new ArtifactRecord(path, kind, [.. files.Select(f => new ArtifactFile(f!["path"]!.GetValue<string>(), f["sha256"]!.GetValue<string>(), f["size"]!.GetValue<long>()))]);
    }
}
