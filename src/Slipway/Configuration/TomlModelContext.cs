using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Slipway.Configuration;

/// <summary>Source-generated TOML metadata for the document model, so reading TOML needs no reflection (Native AOT).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext
{
    public TomlModelContext(Tomlyn.TomlSerializerOptions options)
        : base(options)
    {
    }
}

/// <summary>Reads a TOML text into its document model, with the spans of every key when a metadata store is given.</summary>
internal static class TomlModel
{
    public static TomlTable Read(string text, string sourceName, TomlMetadataStore? metadata = null)
    {
        var options = new Tomlyn.TomlSerializerOptions { MetadataStore = metadata, SourceName = sourceName };
        return Tomlyn.TomlSerializer.Deserialize(text, new TomlModelContext(options).TomlTable) ?? new TomlTable();
    }
}
