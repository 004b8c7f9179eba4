namespace Slipway.Files;

/// <summary>Why a file on a path from the repository was not read.</summary>
public enum FileRefusalKind
{
    /// <summary>Nothing is there; through a link, the link dangles.</summary>
    Missing,

    /// <summary>The path, through its links, leaves the boundary.</summary>
    Outside,

    /// <summary>It is a directory, a device, a FIFO or a socket.</summary>
    NotRegular,

    /// <summary>It holds more than the cap.</summary>
    TooLarge,

    /// <summary>Its links form a loop.</summary>
    LinkLoop,

    /// <summary>The operating system refused to read it.</summary>
    Unreadable,
}
