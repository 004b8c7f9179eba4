namespace Slipway.Files;

/// <summary>What a path names, without following a final symbolic link (<c>lstat</c>).</summary>
public enum FileKind
{
    Missing,
    RegularFile,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}
