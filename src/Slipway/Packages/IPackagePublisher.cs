namespace Slipway.Packages;

/// <summary>
/// One package ecosystem's registry (PyPI, npm, NuGet): what is there, publishing one file, and waiting until the
/// registry serves it. Every answer is about the exact file built: its name, version and content, never "the newest".
/// </summary>
public interface IPackagePublisher
{
    /// <summary><c>pypi</c>, <c>npm</c> or <c>nuget</c>, as <c>[[package]] kind</c> names it.</summary>
    string Kind { get; }

    /// <summary>The name and version the file declares in its own metadata; a coded error when it has none.</summary>
    PackageIdentity Inspect(PackageFile file);

    /// <summary>Whether the registry has this version of this file, and whether it holds the same content.</summary>
    Task<PackagePresence> ExistsAsync(PackageFile file, CancellationToken cancellationToken);

    /// <summary>Publishes the file; a registry that already holds the same content is success, not an error.</summary>
    Task<PublishOutcome> PublishAsync(PackageFile file, CancellationToken cancellationToken);

    /// <summary>Polls until the registry serves the same content, within <paramref name="budget"/>; fails fast on an answer that will not heal.</summary>
    Task VerifyAsync(PackageFile file, TimeSpan budget, CancellationToken cancellationToken);
}
