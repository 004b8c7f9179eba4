namespace Slipway.Oci;

/// <summary>
/// An upload whose bytes the registry has received but not committed: <see cref="Location"/> is where to commit (PUT
/// with the digest) or cancel (DELETE), <see cref="Digest"/> what the bytes sent hashed to here.
/// </summary>
public sealed record BlobUploadSession(ImageReference Repository, string Location, Digest Digest, long Size);
