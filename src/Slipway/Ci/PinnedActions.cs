namespace Slipway.Ci;

/// <summary>
/// The one table of the third-party actions a generated workflow and <c>action.yml</c> use. A tag can be moved to
/// other code; a commit cannot, so every <c>uses:</c> names the commit, with the tag it carried written beside it.
/// To upgrade, change the commit and the version here (and in action.yml, which a test holds to this table).
/// </summary>
public static class PinnedActions
{
    public static PinnedAction Checkout { get; } = new("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1");

    public static PinnedAction UploadArtifact { get; } = new("actions/upload-artifact", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0");

    public static PinnedAction DownloadArtifact { get; } = new("actions/download-artifact", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1");

    public static PinnedAction SetupDotnet { get; } = new("actions/setup-dotnet", "a98b56852c35b8e3190ac28c8c2271da59106c68", "v6.0.0");

    public static IReadOnlyList<PinnedAction> All { get; } = [Checkout, UploadArtifact, DownloadArtifact, SetupDotnet];
}
