using System.Diagnostics;
using System.Text;

namespace Slipway.Notes;

/// <summary>
/// Runs git and hands its standard output to the caller as it comes, so a history of 20,000 commits or a diff of
/// 5,000 files is never held whole: the reader keeps what it needs and drops the rest. Paths are printed as they are
/// (<c>core.quotepath=off</c>), no pager, no colour, no external diff or textconv driver from the user's configuration.
/// </summary>
internal static class GitStream
{
    private const int ErrorCap = 4096;

    public static async Task RunAsync(string workingDirectory, IReadOnlyList<string> arguments, Func<TextReader, Task> readOutput, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_PAGER"] = "cat";
        foreach (var argument in (string[])["-c", "core.quotepath=off", "-c", "color.ui=never", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var command = arguments.FirstOrDefault(a => !a.StartsWith('-')) ?? "git";
        using var process = Process.Start(start) ?? throw NotesErrors.GitFailed(command, "could not start git");
        process.StandardInput.Close();
        var error = ReadCappedAsync(process.StandardError, cancellationToken);
        try
        {
            await readOutput(process.StandardOutput);

            // Drain whatever the reader left, so git never blocks on a full pipe.
            var rest = new char[8192];
            while (await process.StandardOutput.ReadAsync(rest, cancellationToken) > 0)
            {
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            throw;
        }

        var reason = (await error).Trim();
        if (process.ExitCode != 0)
        {
            throw NotesErrors.GitFailed(command, reason.Length == 0 ? $"exit code {process.ExitCode}" : reason.Split('\n')[^1]);
        }
    }

    /// <summary>The whole output, for the small answers (a tag list, a tree id); refused past <paramref name="cap"/> characters.</summary>
    public static async Task<string> ReadAsync(string workingDirectory, IReadOnlyList<string> arguments, int cap, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        await RunAsync(workingDirectory, arguments, async reader =>
        {
            var buffer = new char[8192];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (text.Length + read > cap)
                {
                    throw NotesErrors.GitOutputUnexpected(arguments[0], $"more than {cap} characters");
                }

                text.Append(buffer, 0, read);
            }
        }, cancellationToken);
        return text.ToString();
    }

    /// <summary>
    /// Calls <paramref name="record"/> with each <paramref name="separator"/>-ended record of the output, each cut at
    /// <paramref name="cap"/> characters while reading (the rest of a longer record is skipped, not buffered).
    /// </summary>
    public static Task ReadRecordsAsync(string workingDirectory, IReadOnlyList<string> arguments, char separator, int cap, Action<string> record, CancellationToken cancellationToken) =>
        RunAsync(workingDirectory, arguments, async reader =>
        {
            var current = new StringBuilder();
            var buffer = new char[16384];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                while (span.Length > 0)
                {
                    var end = span.IndexOf(separator);
                    var part = end < 0 ? span : span[..end];
                    var room = cap - current.Length;
                    if (room > 0)
                    {
                        current.Append(part[..Math.Min(room, part.Length)]);
                    }

                    if (end < 0)
                    {
                        break;
                    }

                    record(current.ToString());
                    current.Clear();
                    span = span[(end + 1)..];
                }
            }

            if (current.Length > 0)
            {
                record(current.ToString());
            }
        }, cancellationToken);

    /// <summary>
    /// Calls <paramref name="line"/> with each '\n'-ended line of the output (a lone '\r' stays inside its line), cut
    /// at <paramref name="cap"/> characters while reading, and the line's full length with its '\n'.
    /// </summary>
    public static Task ReadLinesAsync(string workingDirectory, IReadOnlyList<string> arguments, int cap, Action<string, long> line, CancellationToken cancellationToken) =>
        RunAsync(workingDirectory, arguments, async reader =>
        {
            var current = new StringBuilder();
            long length = 0;
            var buffer = new char[65536];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                while (span.Length > 0)
                {
                    var end = span.IndexOf('\n');
                    var part = end < 0 ? span : span[..(end + 1)];
                    length += part.Length;
                    var room = cap - current.Length;
                    if (room > 0)
                    {
                        current.Append(part[..Math.Min(room, part.Length)]);
                    }

                    if (end < 0)
                    {
                        break;
                    }

                    line(current.ToString(), length);
                    current.Clear();
                    length = 0;
                    span = span[(end + 1)..];
                }
            }

            if (length > 0)
            {
                line(current.ToString(), length);
            }
        }, cancellationToken);

    private static async Task<string> ReadCappedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (text.Length < ErrorCap)
            {
                text.Append(buffer, 0, Math.Min(read, ErrorCap - text.Length));
            }
        }

        return text.ToString();
    }
}
