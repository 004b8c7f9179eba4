namespace Slipway.Oci;

public enum UntagMethod
{
    /// <summary>The registry deleted the tag itself (distribution-spec 1.1 DELETE by tag).</summary>
    DeleteTag,

    /// <summary>No other tag named the digest, so the manifest was deleted by digest.</summary>
    DeleteDigest,

    /// <summary>Other tags share the digest: the tag was moved onto a unique throwaway manifest, which was deleted.</summary>
    Throwaway,

    /// <summary>Docker Hub's own API.</summary>
    DockerHub,
}
