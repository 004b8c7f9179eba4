using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What detect-version journals for every later step: the version, the release tag, the commit to release, and where the version came from.</summary>
public sealed record DetectedVersion(string Version, string Tag, string Commit, bool Prerelease, string Source) : IStepOutput<DetectedVersion>
{
    public static JsonTypeInfo<DetectedVersion> JsonInfo => StepOutputContext.Default.DetectedVersion;
}
