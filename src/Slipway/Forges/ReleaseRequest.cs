namespace Slipway.Forges;

/// <summary>
/// The release to make public: its tag at the built commit (never HEAD), title and body, whether it is a prerelease,
/// its version (to decide whether it becomes the latest), and every asset it must carry.
/// </summary>
public sealed record ReleaseRequest(string Tag, string Commit, string Version, string Name, string Body, bool Prerelease, IReadOnlyList<ReleaseAsset> Assets);
