namespace Slipway.Configuration;

/// <summary>
/// One entry of an <c>[[image]]</c>'s <c>layouts</c>: the platform (<c>os/arch[/variant]</c>, lowercase) and the OCI
/// layout (<c>LAYOUT[:NAME]</c>, relative to the repository root) that holds that platform's image and nothing else.
/// </summary>
public sealed record PlatformLayout(string Platform, string Path);
