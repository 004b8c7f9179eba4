namespace Slipway.Versioning;

/// <summary>What <c>slipway bump</c> does to the version: one of the named steps, or an exact version.</summary>
public enum BumpKind
{
    Major,
    Minor,
    Patch,

    /// <summary>The fourth number of a NuGet version (<c>1.2.3.4</c> → <c>1.2.3.5</c>); no other scheme has it.</summary>
    Revision,
    Pre,
    Release,
    Exact,
}
