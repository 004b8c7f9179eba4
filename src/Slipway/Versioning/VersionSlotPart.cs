namespace Slipway.Versioning;

/// <summary>Which part of the version a <see cref="VersionSlot"/> holds.</summary>
internal enum VersionSlotPart
{
    Whole,
    Prefix,
    Suffix,
}
