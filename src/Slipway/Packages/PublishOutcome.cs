namespace Slipway.Packages;

/// <summary>What <see cref="IPackagePublisher.PublishAsync"/> did: published the file, or found the same content already there.</summary>
public enum PublishOutcome
{
    Published,
    AlreadyPresent,
}
