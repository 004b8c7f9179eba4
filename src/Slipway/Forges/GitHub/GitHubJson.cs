using System.Text.Json.Serialization;

namespace Slipway.Forges.GitHub;

/// <summary>
/// The source-generated (reflection-free, Native AOT safe) contract of every GitHub REST body Slipway sends or
/// reads: snake_case names, nulls not sent, unknown fields ignored (GitHub adds fields without notice).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(GitHubRelease))]
[JsonSerializable(typeof(List<GitHubRelease>))]
[JsonSerializable(typeof(GitHubAsset))]
[JsonSerializable(typeof(List<GitHubAsset>))]
[JsonSerializable(typeof(ReleaseCreateRequest))]
[JsonSerializable(typeof(ReleaseUpdateRequest))]
[JsonSerializable(typeof(GenerateNotesRequest))]
[JsonSerializable(typeof(GeneratedNotes))]
[JsonSerializable(typeof(GitHubErrorBody))]
[JsonSerializable(typeof(GitHubPull))]
[JsonSerializable(typeof(List<GitHubPull>))]
[JsonSerializable(typeof(PullCreateRequest))]
[JsonSerializable(typeof(PullUpdateRequest))]
[JsonSerializable(typeof(GitHubIssue))]
[JsonSerializable(typeof(List<GitHubIssue>))]
[JsonSerializable(typeof(IssueCreateRequest))]
[JsonSerializable(typeof(CommentCreateRequest))]
[JsonSerializable(typeof(GitHubComment))]
[JsonSerializable(typeof(GitHubGitRef))]
[JsonSerializable(typeof(List<GitHubApproval>))]
[JsonSerializable(typeof(GitHubRepositoryInfo))]
internal sealed partial class GitHubJson : JsonSerializerContext;
