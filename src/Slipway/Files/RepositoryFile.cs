using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Slipway.Diagnostics;

namespace Slipway.Files;

/// <summary>
/// Reads a file on a path the repository's content decides (a news fragment, a template, the version file, a
/// predicate): anyone who opens a pull request controls it. The path is followed through every link and must end at
/// a regular file inside the boundary, so a link to the signing key, to <c>/proc/self/environ</c> or to
/// <c>/dev/zero</c> is refused before it is opened; and the cap is applied while reading, so a huge file costs no more
/// memory than the cap.
/// </summary>
public static class RepositoryFile
{
    /// <summary>The cap for text written by people: fragments, templates, version files.</summary>
    public const int DefaultMaxSize = 1024 * 1024;

    /// <summary>The cap for files that grow with the project or come from tools: the news file, SBOMs and other predicates.</summary>
    public const int LargeMaxSize = 64 * 1024 * 1024;

    private const int FirstChunk = 16 * 1024;

    /// <summary>Where <paramref name="path"/> leads, when that is a regular file inside <paramref name="boundary"/>.</summary>
    public static bool TryResolve(string path, FileBoundary boundary, [NotNullWhen(true)] out string? resolved, [NotNullWhen(false)] out FileRefusal? refusal)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(boundary);
        resolved = null;
        var full = Path.GetFullPath(path);
        if (!PhysicalPath.TryResolve(path, out var target))
        {
            refusal = new FileRefusal(FileRefusalKind.LinkLoop, full, ThroughLink: true, "its links form a loop");
            return false;
        }

        var throughLink = !string.Equals(target, full, StringComparison.Ordinal);
        if (!boundary.Contains(target))
        {
            refusal = new FileRefusal(FileRefusalKind.Outside, target, throughLink, $"outside {boundary.Description}");
            return false;
        }

        var kind = FileKinds.Of(target);
        if (kind != FileKind.RegularFile)
        {
            refusal = kind == FileKind.Missing
                ? new FileRefusal(FileRefusalKind.Missing, target, throughLink, "it does not exist")
                : new FileRefusal(FileRefusalKind.NotRegular, target, throughLink, FileKinds.Describe(kind));
            return false;
        }

        resolved = target;
        refusal = null;
        return true;
    }

    /// <summary>
    /// Reads the file into <paramref name="buffer"/> (grown as needed, never beyond <paramref name="maxSize"/> + 1 bytes),
    /// so a caller reading many files reuses one buffer.
    /// </summary>
    public static bool TryRead(string path, FileBoundary boundary, int maxSize, ref byte[] buffer, out int length, [NotNullWhen(false)] out FileRefusal? refusal)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSize);
        ArgumentOutOfRangeException.ThrowIfEqual(maxSize, int.MaxValue);
        length = 0;
        if (!TryResolve(path, boundary, out var resolved, out refusal))
        {
            return false;
        }

        var tooLarge = new FileRefusal(FileRefusalKind.TooLarge, resolved, !string.Equals(resolved, Path.GetFullPath(path), StringComparison.Ordinal), DescribeSize(maxSize));
        try
        {
            using var handle = File.OpenHandle(resolved, FileMode.Open, FileAccess.Read, FileShare.Read);
            var declared = RandomAccess.GetLength(handle);
            if (declared > maxSize)
            {
                refusal = tooLarge;
                return false;
            }

            // The declared length sizes the buffer once; the reads still stop at the cap should the file grow meanwhile.
            if (buffer.Length <= declared)
            {
                buffer = new byte[(int)declared + 1];
            }

            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxSize)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(Math.Max((long)buffer.Length * 2, FirstChunk), (long)maxSize + 1));
                }

                var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            refusal = new FileRefusal(FileRefusalKind.Unreadable, resolved, ThroughLink: false, e.Message);
            return false;
        }

        if (length > maxSize)
        {
            length = 0;
            refusal = tooLarge;
            return false;
        }

        return true;
    }

    /// <summary>Reads the whole file or throws the coded error; <paramref name="missing"/> is the caller's error for a path where nothing is.</summary>
    public static byte[] ReadAllBytes(string path, string display, FileBoundary boundary, int maxSize, Func<SlipwayException> missing, string? sizeHint = null)
    {
        ArgumentNullException.ThrowIfNull(missing);
        var buffer = Array.Empty<byte>();
        if (!TryRead(path, boundary, maxSize, ref buffer, out var length, out var refusal))
        {
            throw refusal.Kind == FileRefusalKind.Missing && !refusal.ThroughLink ? missing() : FileErrors.Refused(display, refusal, sizeHint);
        }

        return length == buffer.Length ? buffer : buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Reads the whole file as <see cref="File.ReadAllText(string)"/> does (UTF-8 unless a byte order mark says otherwise).</summary>
    public static string ReadAllText(string path, string display, FileBoundary boundary, int maxSize, Func<SlipwayException> missing, string? sizeHint = null)
    {
        var bytes = ReadAllBytes(path, display, boundary, maxSize, missing, sizeHint);
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Whether anything is at <paramref name="path"/>: a dangling link counts, so that reading it is refused rather than skipped.</summary>
    public static bool Exists(string path) => FileKinds.Of(Path.GetFullPath(path)) != FileKind.Missing;

    internal static string DescribeSize(long bytes) =>
        bytes % (1024 * 1024) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB")
        : bytes % 1024 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
