using Slipway.Cli;
using Slipway.Diagnostics;

namespace Slipway.Tests.Infra;

public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Err}";
}

/// <summary>Runs the slipway command in-process with its own output, environment and working directory.</summary>
public static class CliRunner
{
    public static Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunWithInputAsync(workingDirectory, environment, null, args);

    /// <summary>Runs with <paramref name="input"/> as standard input (<c>--password-stdin</c>).</summary>
    public static async Task<CliResult> RunWithInputAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input ?? string.Empty);
        var host = new CliHost(output, error, new DictionaryEnvironment(environment ?? new Dictionary<string, string>()), workingDirectory) { Input = reader };
        var exitCode = await SlipwayApp.RunAsync(args, host);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);
}
