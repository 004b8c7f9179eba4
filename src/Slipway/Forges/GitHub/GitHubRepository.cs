using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Slipway.Forges.GitHub;

/// <summary>A repository on GitHub: <c>owner/name</c>, as written in <c>[forge] repository</c> or read from a remote's URL.</summary>
public sealed partial record GitHubRepository(string Owner, string Name)
{
    public override string ToString() => $"{Owner}/{Name}";

    /// <summary><c>owner/name</c> with GitHub's characters only; anything else (a URL, a third segment, <c>..</c>) is refused.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GitHubRepository? repository)
    {
        repository = null;
        if (text is null || OwnerAndName().Match(text) is not { Success: true } match)
        {
            return false;
        }

        var name = match.Groups["name"].Value;
        if (name is "." or "..")
        {
            return false;
        }

        repository = new GitHubRepository(match.Groups["owner"].Value, name);
        return true;
    }

    /// <summary>
    /// The repository a remote URL names, in the forms git accepts for GitHub: <c>https://HOST/o/r(.git)</c>,
    /// <c>ssh://git@HOST/o/r.git</c> and scp-like <c>git@HOST:o/r.git</c>.
    /// </summary>
    public static bool TryParseRemoteUrl(string? url, [NotNullWhen(true)] out GitHubRepository? repository)
    {
        repository = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        url = url.Trim();
        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git")
        {
            path = uri.AbsolutePath.Trim('/');
        }
        else if (ScpLike().Match(url) is { Success: true } scp)
        {
            path = scp.Groups["path"].Value.Trim('/');
        }
        else
        {
            return false;
        }

        if (path.EndsWith(".git", StringComparison.Ordinal))
        {
            path = path[..^4];
        }

        return TryParse(path, out repository);
    }

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<name>[A-Za-z0-9._-]{1,100})$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerAndName();

    [GeneratedRegex(@"^(?:[^@/\s]+@)?[^:/\s]+:(?<path>[^\s]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLike();
}
