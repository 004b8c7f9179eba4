using System.Text.Json.Nodes;

namespace Slipway.Packages.Npm;

/// <summary>
/// The <c>package.json</c> of an npm tarball, as read from the tarball itself: the name (maybe scoped), the version, the
/// <c>publishConfig.registry</c> it asks to be published to, and the whole document (the version's entry in the
/// packument is this document with the fields npm adds).
/// </summary>
public sealed record NpmManifest(string Name, string Version, Uri? PublishRegistry, JsonObject Document);
