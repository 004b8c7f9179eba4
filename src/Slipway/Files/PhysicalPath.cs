using System.Diagnostics.CodeAnalysis;

namespace Slipway.Files;

/// <summary>
/// Resolves a path as the kernel does (<c>realpath</c>): every symbolic link on the way is followed, and <c>..</c> is
/// taken after the link before it, not lexically as <see cref="Path.GetFullPath(string)"/> does. Components that do not
/// exist are kept as written, so an output path that is still to be created resolves too.
/// </summary>
public static class PhysicalPath
{
    // Linux's MAXSYMLINKS: more links than this on one path is a loop.
    private const int MaxLinks = 40;

    private static readonly char[] Separators = OperatingSystem.IsWindows() ? ['\\', '/'] : ['/'];

    public static bool TryResolve(string path, [NotNullWhen(true)] out string? resolved)
    {
        ArgumentNullException.ThrowIfNull(path);
        var absolute = Path.IsPathRooted(path) ? path : Path.Join(Environment.CurrentDirectory, path);
        var current = Path.GetPathRoot(absolute)!;
        var pending = new Stack<string>();
        Push(pending, absolute[current.Length..]);
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                resolved = null;
                return false;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            Push(pending, target);
        }

        resolved = current;
        return true;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or below it; both must be resolved already.</summary>
    public static bool IsInside(string path, string directory)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(directory);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var root = Path.TrimEndingDirectorySeparator(directory);
        return path.Equals(root, comparison)
            || (path.StartsWith(root, comparison) && path.Length > root.Length && Separators.Contains(path[root.Length]))
            || (root.Length > 0 && Separators.Contains(root[^1]) && path.StartsWith(root, comparison));
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split(Separators);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return FileKinds.Of(path) == FileKind.SymbolicLink ? new FileInfo(path).LinkTarget : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
