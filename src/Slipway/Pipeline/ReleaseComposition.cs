using Slipway.Configuration;
using Slipway.Forges;
using Slipway.Git;

namespace Slipway.Pipeline;

/// <summary>
/// Which capabilities a configuration brings into its release graph. Capabilities not built yet (images, signing,
/// scanning, changelog) add their steps to <see cref="Capabilities"/> when they land.
/// </summary>
public static class ReleaseComposition
{
    public static ReleaseCapabilities Capabilities(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ReleaseCapabilities
        {
            Forge = new GitForge(new GitCli(config.RootDirectory), config.Forge.Remote),
        };
    }

    public static StepGraph Graph(SlipwayConfig config) => ReleaseGraphBuilder.Default(config, Capabilities(config));
}
