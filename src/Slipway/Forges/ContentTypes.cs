namespace Slipway.Forges;

/// <summary>The content type a release asset is uploaded with, by its name; GitHub serves the download with it.</summary>
public static class ContentTypes
{
    public static string For(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.ToLowerInvariant();
        return lower switch
        {
            _ when lower.EndsWith(".tar.gz", StringComparison.Ordinal) || lower.EndsWith(".tgz", StringComparison.Ordinal) => "application/gzip",
            _ when lower.EndsWith(".zip", StringComparison.Ordinal) => "application/zip",
            _ when lower.EndsWith(".intoto.jsonl", StringComparison.Ordinal) => "application/vnd.in-toto+json",
            _ when lower.EndsWith(".sigstore.json", StringComparison.Ordinal) => "application/vnd.dev.sigstore.bundle.v0.3+json",
            _ when lower.EndsWith(".spdx.json", StringComparison.Ordinal) => "application/spdx+json",
            _ when lower.EndsWith(".cdx.json", StringComparison.Ordinal) => "application/vnd.cyclonedx+json",
            _ when lower.EndsWith(".json", StringComparison.Ordinal) => "application/json",
            _ when lower.EndsWith(".sig", StringComparison.Ordinal) || lower.EndsWith(".asc", StringComparison.Ordinal) => "application/pgp-signature",
            _ when lower.EndsWith(".txt", StringComparison.Ordinal) || lower.EndsWith(".md", StringComparison.Ordinal) || lower.EndsWith("sha256sums", StringComparison.Ordinal) => "text/plain",
            _ when lower.EndsWith(".tar", StringComparison.Ordinal) => "application/x-tar",
            _ when lower.EndsWith(".gz", StringComparison.Ordinal) => "application/gzip",
            _ => "application/octet-stream",
        };
    }
}
