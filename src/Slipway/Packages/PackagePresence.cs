namespace Slipway.Packages;

/// <summary>What a registry holds for one file's name and version.</summary>
public enum PackagePresence
{
    Absent,

    /// <summary>The same content: publishing again is not needed.</summary>
    Same,

    /// <summary>Other content under the same name and version: a hard error, never overwritten.</summary>
    Different,
}
