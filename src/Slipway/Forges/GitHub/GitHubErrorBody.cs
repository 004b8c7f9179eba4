using System.Text.Json;

namespace Slipway.Forges.GitHub;

/// <summary>GitHub's error answer: <c>message</c> and, for a 422, <c>errors[]</c> (objects with <c>code</c>, or plain strings).</summary>
public sealed record GitHubErrorBody
{
    public string? Message { get; init; }

    public IReadOnlyList<JsonElement>? Errors { get; init; }
}
