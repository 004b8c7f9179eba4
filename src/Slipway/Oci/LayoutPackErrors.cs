using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>Every user-facing message of <c>slipway image layout</c>, in one place.</summary>
internal static class LayoutPackErrors
{
    public static SlipwayException NoPlatform() =>
        SlipwayException.Input(ErrorCode.LayoutSourceInvalid, "name at least one platform to pack", "pass --platform linux/amd64=DIRECTORY");

    public static SlipwayException PlatformTwice(Platform platform) =>
        SlipwayException.Input(ErrorCode.LayoutSourceInvalid, $"platform {platform} is named twice");

    public static SlipwayException NoFiles(string directory, Platform platform) =>
        SlipwayException.Input(ErrorCode.LayoutSourceInvalid, $"{directory} holds no files to pack for {platform}");

    public static SlipwayException InvalidSource(string error) =>
        SlipwayException.Input(ErrorCode.LayoutSourceInvalid, $"--platform {error}");
}
