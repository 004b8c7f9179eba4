using System.Runtime.InteropServices;

namespace Slipway.Files;

/// <summary>
/// Tells a regular file from a device, a FIFO or a socket, which .NET's file APIs cannot: all of them report
/// <see cref="FileAttributes.Normal"/>, and opening a FIFO blocks until someone writes to it. On Linux this asks
/// <c>statx</c> (its buffer has the same layout on every architecture); elsewhere only links and directories are told apart.
/// </summary>
public static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int BufferSize = 256;

    private static bool _statxMissing;

    public static FileKind Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux() && !_statxMissing)
        {
            try
            {
                return OfLinux(path);
            }
            catch (EntryPointNotFoundException)
            {
                _statxMissing = true;
            }
            catch (DllNotFoundException)
            {
                _statxMissing = true;
            }
        }

        return OfManaged(path);
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "nothing (it does not exist)",
        FileKind.RegularFile => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        _ => kind.ToString(),
    };

    private static FileKind OfLinux(string path)
    {
        Span<byte> buffer = stackalloc byte[BufferSize];
        buffer.Clear();
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return FileKind.Missing;
        }

        var mode = BitConverter.ToUInt16(buffer.Slice(ModeOffset, 2));
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.RegularFile,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            _ => FileKind.Socket,
        };
    }

    private static FileKind OfManaged(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists)
        {
            info = new DirectoryInfo(path);
        }

        if (info.LinkTarget is not null)
        {
            return FileKind.SymbolicLink;
        }

        if (!info.Exists)
        {
            return FileKind.Missing;
        }

        return (info.Attributes & FileAttributes.Directory) != 0 ? FileKind.Directory
            : (info.Attributes & FileAttributes.Device) != 0 ? FileKind.CharacterDevice
            : FileKind.RegularFile;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
