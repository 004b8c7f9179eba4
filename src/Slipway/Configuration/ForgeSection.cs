using Slipway.Forges.GitHub;

namespace Slipway.Configuration;

/// <summary>
/// <c>[forge]</c>: where the public release is created. <c>git</c> pushes an annotated tag to <c>remote</c>;
/// <c>github</c> creates a GitHub release of <c>repository</c> (default: read from the remote's URL) through
/// <c>api-url</c> with <c>token</c>, and opens pull requests with <c>pr-token</c> (default: <c>token</c>).
/// </summary>
public sealed record ForgeSection(string Kind, string Remote)
{
    public const string GitKind = "git";

    public const string GitHubKind = "github";

    public const string DefaultTokenVariable = "GITHUB_TOKEN";

    public const string DefaultPostReleaseTitle = "chore: release notes for {version}";

    public static readonly Uri DefaultApiUrl = new("https://api.github.com/");

    private static readonly string[] Kinds = [GitKind, GitHubKind];

    /// <summary><c>repository</c> as written; null means "from the remote's URL", resolved when the forge is used.</summary>
    public GitHubRepository? Repository { get; init; }

    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    public Uri UploadUrl { get; init; } = new("https://uploads.github.com/");

    public Secret? Token { get; init; }

    public Secret? PrToken { get; init; }

    /// <summary><c>post-release-pr-title</c>: the title of the post-release changelog pull request; <c>{version}</c> is replaced.</summary>
    public string PostReleaseTitle { get; init; } = DefaultPostReleaseTitle;

    /// <summary>Where the settings were written, for errors found only when the forge is used (a remote URL that names no repository).</summary>
    public SourceLocation? Location { get; init; }

    internal static ForgeSection Read(ConfigTable? table, ProjectSection project)
    {
        if (table is null)
        {
            return new ForgeSection(GitKind, project.Remote);
        }

        var kind = table.GetString("kind") ?? GitKind;
        if (!Kinds.Contains(kind))
        {
            throw table.Invalid("kind", $"is '{kind}'; known forges: {string.Join(", ", Kinds)}");
        }

        var remote = table.GetString("remote") ?? project.Remote;
        if (kind == GitKind)
        {
            table.EnsureNoUnknownKeys();
            return new ForgeSection(kind, remote) { Location = table.Location };
        }

        var repositoryText = table.GetString("repository");
        GitHubRepository? repository = null;
        if (repositoryText is not null && !GitHubRepository.TryParse(repositoryText, out repository))
        {
            throw Forges.ForgeErrors.RepositoryInvalid(table.LocationOf("repository"), repositoryText);
        }

        var apiUrl = ReadUrl(table, "api-url") ?? DefaultApiUrl;
        var uploadUrl = ReadUrl(table, "upload-url") ?? DeriveUploadUrl(apiUrl);
        var token = table.GetSecret("token", fallback: "env:" + DefaultTokenVariable);
        var prToken = table.GetSecret("pr-token");
        var title = table.GetString("post-release-pr-title") ?? DefaultPostReleaseTitle;
        if (title.Trim().Length == 0)
        {
            throw table.Invalid("post-release-pr-title", "is empty");
        }

        table.EnsureNoUnknownKeys();
        return new ForgeSection(kind, remote)
        {
            Repository = repository,
            ApiUrl = apiUrl,
            UploadUrl = uploadUrl,
            Token = token,
            PrToken = prToken,
            PostReleaseTitle = title,
            Location = table.Location,
        };
    }

    /// <summary>
    /// GitHub's uploads host: <c>uploads.github.com</c> for github.com; GitHub Enterprise Server serves uploads at
    /// <c>https://HOST/api/uploads</c> beside <c>https://HOST/api/v3</c>; any other API URL uploads to itself.
    /// </summary>
    public static Uri DeriveUploadUrl(Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        if (apiUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri("https://uploads.github.com/");
        }

        var path = apiUrl.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase)
            ? new Uri(apiUrl, path[..^"/v3".Length] + "/uploads/")
            : apiUrl;
    }

    private static Uri? ReadUrl(ConfigTable table, string key)
    {
        var text = table.GetString(key);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.UserInfo.Length > 0
            || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw table.Invalid(key, $"is '{text}'; it must be an https:// URL without credentials, query or fragment");
        }

        // Plain HTTP only to this machine (a local test endpoint): the token must never cross a network in clear.
        if (url.Scheme == "http" && !url.IsLoopback)
        {
            throw table.Invalid(key, $"is '{text}'; plain http is allowed only for 127.0.0.1 or localhost");
        }

        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
