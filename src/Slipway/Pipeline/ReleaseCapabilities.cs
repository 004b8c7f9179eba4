using Slipway.Forges;

namespace Slipway.Pipeline;

/// <summary>
/// The steps other capabilities bring to the default graph. Each step declares its own dependencies; the builder
/// also makes approval wait for every <see cref="BeforeApproval"/> step (push-prerelease, sign, attest, scan) and
/// create-release wait for every <see cref="AfterApproval"/> step (promote-images, publish-packages), so the public
/// release stays last. <see cref="AfterRelease"/> steps (cleanup-prerelease) depend on create-release themselves.
/// </summary>
public sealed record ReleaseCapabilities
{
    public required IForge Forge { get; init; }

    /// <summary>The changelog-render step (issue 3); it journals <see cref="Outputs.RenderedChangelog"/>. Build waits for it.</summary>
    public ReleaseStep? ChangelogRender { get; init; }

    public IReadOnlyList<ReleaseStep> BeforeApproval { get; init; } = [];

    public IReadOnlyList<ReleaseStep> AfterApproval { get; init; } = [];

    public IReadOnlyList<ReleaseStep> AfterRelease { get; init; } = [];
}
