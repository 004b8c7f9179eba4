namespace Slipway.Configuration;

/// <summary>
/// One <c>[[package]]</c>: the ecosystem (<c>kind</c>), the build artifacts to publish (<c>files</c>, globs from the
/// repository root matched against what the build journaled), the registry (a URL, or for NuGet a folder feed; the
/// public registry when absent), and the credential: <c>token = "env:NAME"</c> or <c>trusted-publishing = true</c>.
/// Per kind: npm's <c>dist-tag</c> for prereleases (default <c>next</c>), NuGet's <c>symbols</c> (push the .snupkg
/// files the globs match; default true) and, with trusted publishing, <c>user</c> (the nuget.org profile that owns the
/// trusted publishing policy).
/// </summary>
public sealed record PackageSection(string Kind, IReadOnlyList<string> Files, string? Registry, Secret? Token, bool TrustedPublishing, SourceLocation Location)
{
    public const string PyPIKind = "pypi";
    public const string NpmKind = "npm";
    public const string NuGetKind = "nuget";
    public const string DefaultPrereleaseDistTag = "next";

    public static readonly IReadOnlyList<string> Kinds = [PyPIKind, NpmKind, NuGetKind];

    /// <summary>npm: the dist-tag a prerelease is published under (stable releases go under <c>latest</c> when highest).</summary>
    public string PrereleaseDistTag { get; init; } = DefaultPrereleaseDistTag;

    /// <summary>NuGet: whether the .snupkg files the globs match are pushed too.</summary>
    public bool Symbols { get; init; } = true;

    /// <summary>NuGet trusted publishing: the nuget.org profile name the token is minted for.</summary>
    public string? User { get; init; }

    /// <summary>How <c>slipway plan</c> and the journal name this entry: <c>npm artifacts/npm/*.tgz</c>.</summary>
    public string Display => $"{Kind} {string.Join(" ", Files)}";

    internal static IReadOnlyList<PackageSection> ReadAll(ConfigTable root) => [.. root.GetTableArray("package").Select(Read)];

    private static PackageSection Read(ConfigTable table)
    {
        var kind = table.GetRequiredString("kind");
        if (!Kinds.Contains(kind))
        {
            throw table.Invalid("kind", $"is '{kind}'; known package kinds: {string.Join(", ", Kinds)}");
        }

        var files = table.GetRaw("files") is string ? [table.GetRequiredString("files")] : table.GetStringArray("files") ?? throw table.MissingOrMisspelt("files");
        if (files.Count == 0 || files.Any(f => f.Length == 0))
        {
            throw table.Invalid("files", "must name at least one glob of build artifacts, as [\"artifacts/npm/*.tgz\"]");
        }

        foreach (var glob in files)
        {
            if (!Packages.PackageGlob.TryParse(glob, out _, out var error))
            {
                throw table.Invalid("files", $"glob '{glob}' {error}");
            }
        }

        var registry = table.GetString("registry");
        if (registry is { Length: 0 })
        {
            throw table.Invalid("registry", "must not be empty; leave it out for the public registry");
        }

        if (registry is not null && kind != NuGetKind && !IsHttpUrl(registry))
        {
            throw table.Invalid("registry", $"is '{registry}'; a {kind} registry is an http:// or https:// URL");
        }

        var token = table.GetSecret("token");
        var trusted = table.GetBoolean("trusted-publishing") ?? false;
        if (token is not null && trusted)
        {
            throw table.Invalid("trusted-publishing", "cannot be given with 'token': use one credential");
        }

        var distTag = table.GetString("dist-tag");
        if (distTag is not null && kind != NpmKind)
        {
            throw table.Invalid("dist-tag", $"is an npm option; this package is kind '{kind}'");
        }

        if (distTag is not null && (distTag.Length == 0 || distTag == "latest" || distTag.Any(c => char.IsWhiteSpace(c) || c == '/' || c == '%')))
        {
            throw table.Invalid("dist-tag", $"is '{distTag}'; name a tag other than latest, without spaces, / or %");
        }

        var symbols = table.GetBoolean("symbols");
        if (symbols is not null && kind != NuGetKind)
        {
            throw table.Invalid("symbols", $"is a nuget option; this package is kind '{kind}'");
        }

        var user = table.GetString("user");
        if (user is not null && (kind != NuGetKind || !trusted))
        {
            throw table.Invalid("user", kind != NuGetKind ? $"is a nuget option; this package is kind '{kind}'" : "names the nuget.org profile for trusted publishing; set trusted-publishing = true or leave it out");
        }

        if (kind == NuGetKind && trusted && string.IsNullOrWhiteSpace(user))
        {
            throw table.Invalid("user", "is needed with trusted-publishing = true: the nuget.org profile name that owns the trusted publishing policy");
        }

        table.EnsureNoUnknownKeys();
        return new PackageSection(kind, files, registry, token, trusted, table.Location)
        {
            PrereleaseDistTag = distTag ?? DefaultPrereleaseDistTag,
            Symbols = symbols ?? true,
            User = user,
        };
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
