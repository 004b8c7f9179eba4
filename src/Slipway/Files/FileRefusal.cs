namespace Slipway.Files;

/// <summary>
/// A file that was not read: why, where its path leads (after every link), whether a link led there, and a few words of
/// detail (the kind of file, the cap, the operating system's reason).
/// </summary>
public sealed record FileRefusal(FileRefusalKind Kind, string Target, bool ThroughLink, string Detail);
