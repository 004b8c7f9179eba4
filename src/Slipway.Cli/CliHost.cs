using Slipway.Diagnostics;

namespace Slipway.Cli;

/// <summary>
/// What a command may touch of the outside: its output streams (masked by the redactor), the environment, the
/// working directory and the clock. Tests pass their own, so commands run in-process with no global state.
/// </summary>
public sealed class CliHost
{
    public CliHost(TextWriter output, TextWriter error, IEnvironment environment, string workingDirectory, TimeProvider? time = null)
    {
        Redactor = new SecretRedactor();
        Out = new RedactingWriter(output, Redactor);
        Err = new RedactingWriter(error, Redactor);
        Environment = environment;
        WorkingDirectory = workingDirectory;
        Time = time ?? TimeProvider.System;
        if (GitHubActions.IsActive(environment))
        {
            // The runner reads "::add-mask::VALUE" and masks VALUE in every later line of the job's log, including the
            // output of the commands Slipway runs; the command line itself is not shown. Slipway's own output is masked
            // already, so this line is the only place the value goes, and only to the runner.
            Redactor.Registered += secret => GitHubActions.AddMask(output, secret);
        }

        ProxyCredentials.Register(environment, Redactor);
    }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    public IEnvironment Environment { get; }

    public string WorkingDirectory { get; }

    public TimeProvider Time { get; }

    public SecretRedactor Redactor { get; }

    /// <summary>Standard input (<c>--password-stdin</c>); empty unless the caller gives one.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>True when stdout is a terminal a live view can redraw (never in tests unless they say so).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>
    /// Stdout without the escaping of control characters: for <c>--json</c> (exact), or while a live view draws
    /// (its own ANSI sequences; it escapes the data it shows). Stderr stays escaped, it is always for people.
    /// </summary>
    internal bool ExactOutput
    {
        get => !((RedactingWriter)Out).EscapeControls;
        set
        {
            Out.Flush();
            ((RedactingWriter)Out).EscapeControls = !value;
        }
    }

    public static CliHost FromProcess() =>
        new(Console.Out, Console.Error, ProcessEnvironment.Instance, Directory.GetCurrentDirectory())
        {
            IsTerminal = !Console.IsOutputRedirected,
            Input = Console.In,
        };
}
