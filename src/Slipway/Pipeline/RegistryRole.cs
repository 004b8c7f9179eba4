namespace Slipway.Pipeline;

/// <summary>
/// What a step uses a registry for: <see cref="Prerelease"/> pushes, signs, attests and cleans up what was built;
/// <see cref="Release"/> moves the release tags. Both reach the configured registries today; the composition root
/// is the one place that would tell them apart.
/// </summary>
public enum RegistryRole
{
    Prerelease,
    Release,
}
