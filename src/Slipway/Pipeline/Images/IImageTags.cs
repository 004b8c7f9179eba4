namespace Slipway.Pipeline.Images;

/// <summary>
/// The registry operations the release run needs for tags, kept narrow so the OCI capability adapts to it: read what
/// a tag names, point a tag at a digest (a digest-preserving retag), and remove a tag that names a given digest.
/// </summary>
public interface IImageTags
{
    /// <summary>The digest <paramref name="tag"/> names in <paramref name="repository"/>, or null when the tag does not exist.</summary>
    Task<string?> ResolveAsync(string repository, string tag, CancellationToken cancellationToken);

    Task TagAsync(string repository, string tag, string digest, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="tag"/>, which names <paramref name="digest"/>, without touching other tags.</summary>
    Task UntagAsync(string repository, string tag, string digest, CancellationToken cancellationToken);
}
