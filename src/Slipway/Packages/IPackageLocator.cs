namespace Slipway.Packages;

/// <summary>
/// Where a publisher puts a file: its registry and the URL of the published version, for the journal and the release
/// body. A publisher that does not say is shown by its configured registry.
/// </summary>
public interface IPackageLocator
{
    Uri RegistryFor(PackageFile file);

    Uri Location(PackageFile file);
}
