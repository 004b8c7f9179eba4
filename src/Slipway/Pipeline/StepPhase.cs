namespace Slipway.Pipeline;

/// <summary>
/// Where a capability's step sits on the fixed spine (detect-version → preflight → gates → build → approval →
/// create-release): build waits for every <see cref="BeforeBuild"/> step, approval for every
/// <see cref="BeforeApproval"/> step, create-release for every <see cref="AfterApproval"/> step, so the public
/// release stays last. <see cref="AfterRelease"/> steps wait for create-release themselves.
/// </summary>
public enum StepPhase
{
    /// <summary>A step of the spine itself, placed by <see cref="ReleaseGraphBuilder"/>; no capability contributes one.</summary>
    Spine,
    BeforeBuild,
    BeforeApproval,
    AfterApproval,
    AfterRelease,
}
