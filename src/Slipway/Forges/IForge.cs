namespace Slipway.Forges;

/// <summary>
/// Where a release becomes public: the plain-git forge pushes an annotated tag; the GitHub forge (later) creates a
/// release. Creating it is the point of no return of a run.
/// </summary>
public interface IForge
{
    string Kind { get; }

    /// <summary>The release for <paramref name="tag"/> as the forge has it, or null: "already released" is decided here.</summary>
    Task<ForgeRelease?> FindReleaseAsync(string tag, CancellationToken cancellationToken);

    /// <summary>Creates the release of <paramref name="commit"/> (never HEAD) named <paramref name="tag"/> with the notes as its text.</summary>
    Task<ForgeRelease> CreateReleaseAsync(string tag, string commit, string notes, CancellationToken cancellationToken);
}
