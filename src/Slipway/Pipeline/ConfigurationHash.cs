using System.Security.Cryptography;
using Slipway.Configuration;

namespace Slipway.Pipeline;

/// <summary>The fingerprint of the configuration a run started with; resume refuses when it changed (unless forced).</summary>
public static class ConfigurationHash
{
    public static string Of(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(config.Path)));
    }
}
