namespace Slipway.Oci;

/// <summary>
/// The distribution-spec operations Slipway needs. Every reference names a repository (<c>registry/repository</c>); the
/// tag or digest it carries selects the manifest. Manifests are always returned and written as raw bytes.
/// </summary>
public interface IRegistry
{
    /// <summary>The digest a tag (or digest) names now, computed from the bytes served; null when there is none.</summary>
    Task<Digest?> ResolveAsync(ImageReference reference, CancellationToken cancellationToken = default);

    /// <summary>The manifest a tag or digest names, or null when the registry has none.</summary>
    Task<ManifestContent?> TryGetManifestAsync(ImageReference reference, CancellationToken cancellationToken = default);

    /// <summary>The manifest a tag or digest names; a missing one is an error.</summary>
    Task<ManifestContent> GetManifestAsync(ImageReference reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// HEAD of a manifest: cheap existence check, with the digest as the registry reports it (<c>Docker-Content-Digest</c>).
    /// Never use it to prove what a tag names; <see cref="ResolveAsync"/> hashes the bytes.
    /// </summary>
    Task<ManifestHead?> HeadManifestAsync(ImageReference reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// PUTs the exact bytes with the exact media type at the reference's tag, or by digest when it has no tag.
    /// Returns the digest of the bytes.
    /// </summary>
    Task<Digest> PutManifestAsync(ImageReference reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="PutManifestAsync"/>, also saying whether the registry processed the manifest's subject (<c>OCI-Subject</c>).</summary>
    Task<(Digest Digest, bool SubjectAccepted)> PutManifestReportingSubjectAsync(
        ImageReference reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>DELETE by digest (distribution removes every tag naming it). False when the registry has no such manifest.</summary>
    Task<bool> DeleteManifestAsync(ImageReference repository, Digest digest, CancellationToken cancellationToken = default);

    /// <summary>DELETE by tag, which distribution-spec 1.1 allows but many registries refuse: false when unsupported.</summary>
    Task<bool> TryDeleteTagAsync(ImageReference tagged, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListTagsAsync(ImageReference repository, CancellationToken cancellationToken = default);

    Task<bool> BlobExistsAsync(ImageReference repository, Digest digest, CancellationToken cancellationToken = default);

    /// <summary>A blob's bytes, checked against its digest.</summary>
    Task<byte[]> GetBlobAsync(ImageReference repository, Digest digest, CancellationToken cancellationToken = default);

    /// <summary>A blob's bytes, checked against its descriptor: more bytes than its size are refused while reading.</summary>
    Task<byte[]> GetBlobAsync(ImageReference repository, Descriptor blob, CancellationToken cancellationToken = default);

    /// <summary>Uploads a blob read from <paramref name="open"/> (called again when an attempt is retried).</summary>
    Task UploadBlobAsync(ImageReference repository, Digest digest, long size, Func<Stream> open, CancellationToken cancellationToken = default);

    /// <summary>Uploads a small blob from memory and returns its digest.</summary>
    Task<Digest> UploadBlobAsync(ImageReference repository, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a blob's bytes (POST, then PATCH) without committing them, hashing them on the way: the caller checks
    /// <see cref="BlobUploadSession.Digest"/> and then commits or cancels. Nothing is visible until committed.
    /// </summary>
    Task<BlobUploadSession> SendBlobAsync(ImageReference repository, long size, Func<Stream> open, CancellationToken cancellationToken = default);

    /// <summary>Commits a sent blob under its digest (PUT ?digest=).</summary>
    Task CommitBlobAsync(BlobUploadSession session, CancellationToken cancellationToken = default);

    /// <summary>Cancels a sent blob (DELETE of the session): the registry keeps nothing of it.</summary>
    Task CancelBlobAsync(BlobUploadSession session, CancellationToken cancellationToken = default);

    /// <summary>Cross-repository mount on the same registry; false when the registry declined (then upload).</summary>
    Task<bool> MountBlobAsync(ImageReference repository, Digest digest, ImageReference from, CancellationToken cancellationToken = default);

    /// <summary>
    /// The manifests whose subject is <paramref name="subject"/>: the referrers API, or the fallback tag
    /// <c>sha256-&lt;hex&gt;</c> when the registry answers 404 (distribution-spec "Referrers tag schema").
    /// </summary>
    Task<IReadOnlyList<Descriptor>> GetReferrersAsync(
        ImageReference repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default);
}
