namespace Slipway.Signing;

public enum SbomFormat
{
    Spdx,
    CycloneDx,
}
