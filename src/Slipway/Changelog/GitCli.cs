using System.Diagnostics;
using System.Text;
using Slipway.Diagnostics;

namespace Slipway.Changelog;

/// <summary>
/// The git command line, for what the changelog needs from git (a diff since a ref, tracked files, <c>git rm</c>):
/// one short process is cheaper at start-up than loading libgit2, which matters in a pre-commit hook.
/// </summary>
internal static class GitCli
{
    public static GitResult Run(string workingDirectory, IReadOnlyList<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw Failed(arguments, "could not start git");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Failed(arguments, $"could not start git: {e.Message}");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new GitResult(process.ExitCode, output, error.GetAwaiter().GetResult());
        }
    }

    public static string RunChecked(string workingDirectory, IReadOnlyList<string> arguments, string? input = null)
    {
        var result = Run(workingDirectory, arguments, input);
        return result.ExitCode == 0 ? result.Output : throw Failed(arguments, result.Error.Trim());
    }

    /// <summary>The root of the work tree holding <paramref name="directory"/>, or null outside any repository.</summary>
    public static string? TopLevel(string directory)
    {
        try
        {
            var result = Run(directory, ["rev-parse", "--show-toplevel"]);
            return result.ExitCode == 0 ? result.Output.TrimEnd('\n') : null;
        }
        catch (SlipwayException)
        {
            return null; // no git on PATH: not a repository as far as the changelog is concerned
        }
    }

    private static SlipwayException Failed(IReadOnlyList<string> arguments, string reason) =>
        SlipwayException.Failure(ErrorCode.GitOperationFailed, $"git {string.Join(' ', arguments)} failed: {reason}");
}
