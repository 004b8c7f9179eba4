using System.Diagnostics;
using System.Text;

namespace Slipway.Git;

/// <summary>
/// The git command line, for what must behave exactly like git for the user: pushing with their credential
/// helpers and SSH configuration, annotated tags, commits made with plumbing. Commits made without a configured
/// identity are authored by Slipway.
/// </summary>
public sealed class GitCli(string workingDirectory)
{
    private bool? _hasIdentity;

    public string WorkingDirectory { get; } = workingDirectory;

    public async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? input = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await TryRunAsync(arguments, cancellationToken, input, environment);
        if (result.ExitCode != 0)
        {
            var reason = result.Error.Trim();
            throw GitErrors.Failed(arguments[0], reason.Length == 0 ? $"exit code {result.ExitCode}" : reason.Split('\n')[^1]);
        }

        return result.Output.TrimEnd('\n');
    }

    public async Task<(int ExitCode, string Output, string Error)> TryRunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? input = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw GitErrors.Failed(arguments[0], "could not start git");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Variables that give commits and tags an identity when git has none configured.</summary>
    public async Task<IReadOnlyDictionary<string, string>> IdentityAsync(CancellationToken cancellationToken)
    {
        _hasIdentity ??= (await TryRunAsync(["var", "GIT_COMMITTER_IDENT"], cancellationToken)).ExitCode == 0
            && (await TryRunAsync(["var", "GIT_AUTHOR_IDENT"], cancellationToken)).ExitCode == 0;
        return _hasIdentity.Value
            ? new Dictionary<string, string>()
            : new Dictionary<string, string>
            {
                ["GIT_AUTHOR_NAME"] = "Slipway",
                ["GIT_AUTHOR_EMAIL"] = "slipway@localhost",
                ["GIT_COMMITTER_NAME"] = "Slipway",
                ["GIT_COMMITTER_EMAIL"] = "slipway@localhost",
            };
    }

    /// <summary>The commit <paramref name="reference"/> peels to on <paramref name="remote"/>, or null when the remote lacks it.</summary>
    public async Task<string?> RemoteCommitAsync(string remote, string reference, CancellationToken cancellationToken)
    {
        var listing = await RunAsync(["ls-remote", remote, reference, reference + "^{}"], cancellationToken);
        string? direct = null;
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts[1] == reference + "^{}")
            {
                return parts[0];
            }

            if (parts[1] == reference)
            {
                direct = parts[0];
            }
        }

        return direct;
    }
}
