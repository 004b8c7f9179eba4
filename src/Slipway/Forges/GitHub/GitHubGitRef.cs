using System.Text.Json.Serialization;

namespace Slipway.Forges.GitHub;

/// <summary>A git reference (<c>refs/tags/v1.2.3</c>) and the object it names (GitHub's <c>object</c>).</summary>
public sealed record GitHubGitRef(string Ref, [property: JsonPropertyName("object")] GitHubGitObject Target);
