using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Slipway.Signing.Provenance;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// How the build ran, as the provenance records it: how long it took (<c>seconds</c>), and the GitHub Actions run it
/// was a job of (<c>github</c>, absent outside GitHub Actions). The build step journals both beside what it left (the
/// layouts and artifacts, read through <see cref="Builds.BuildRecord"/>), so the step that writes the provenance, in
/// another job, names the build's run and runner rather than its own. A build done in parts (one platform per runner)
/// records its longest part and the parts' run combined (<see cref="GitHubActionsRun.Combine"/>).
/// </summary>
public sealed record BuildInvocation(double Seconds, [property: JsonPropertyName(BuildInvocation.GitHubKey)] GitHubActionsRun? GitHub = null) : IStepOutput<BuildInvocation>
{
    /// <summary>Where the build step journals <see cref="GitHub"/>.</summary>
    public const string GitHubKey = "github";

    public static JsonTypeInfo<BuildInvocation> JsonInfo => StepOutputContext.Default.BuildInvocation;
}
