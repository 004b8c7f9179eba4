using System.CommandLine;
using Slipway.Cli.Commands;
using Slipway.Diagnostics;

namespace Slipway.Cli;

/// <summary>Parses the command line, runs one command, and turns its outcome into output and an exit code.</summary>
public static class SlipwayApp
{
    public static RootCommand BuildRoot(CliHost host)
    {
        var root = new RootCommand("Slipway turns a version bump into a complete, verifiable release.");
        root.Options.Add(GlobalOptions.Config);
        root.Options.Add(GlobalOptions.Directory);
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(InitCommand.Create(host));
        root.Subcommands.Add(VersionCommand.Create(host));
        root.Subcommands.Add(BumpCommand.Create(host));
        root.Subcommands.Add(PlanCommand.Create(host));

        // changelog (issue 3)
        root.Subcommands.Add(ChangelogCommand.Create(host));

        // image (issue 4)
        root.Subcommands.Add(ImageCommand.Create(host));

        // key, sign, attest, verify (issue 5)
        root.Subcommands.Add(KeyCommand.Create(host));
        root.Subcommands.Add(SignCommand.Create(host));
        root.Subcommands.Add(AttestCommand.Create(host));
        root.Subcommands.Add(VerifyCommand.Create(host));

        // release, status, approve, reject, resume, rollback (issue 6)
        root.Subcommands.Add(ReleaseCommand.Create(host));
        root.Subcommands.Add(StatusCommand.Create(host));
        root.Subcommands.Add(ApproveCommand.Create(host));
        root.Subcommands.Add(RejectCommand.Create(host));
        root.Subcommands.Add(ResumeCommand.Create(host));
        root.Subcommands.Add(RollbackCommand.Create(host));

        // step, release --create-only (issue 11)
        root.Subcommands.Add(StepCommand.Create(host));

        // ci github (issue 11)
        root.Subcommands.Add(CiCommand.Create(host));

        // notes (issue 12)
        root.Subcommands.Add(NotesCommand.Create(host));

        // serve, report, approver (issue 15)
        root.Subcommands.Add(ServeCommand.Create(host));
        root.Subcommands.Add(ReportCommand.Create(host));
        root.Subcommands.Add(ApproverCommand.Create(host));
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default) =>
        RunAsync(args, host, BuildRoot, cancellationToken);

    internal static async Task<int> RunAsync(string[] args, CliHost host, Func<CliHost, RootCommand> buildRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(buildRoot);
        var verbose = args.Contains("--verbose");
        try
        {
            var root = buildRoot(host);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                var command = parse.CommandResult.Command;
                var name = command == root ? "slipway" : $"slipway {CommandPath(parse)}";
                var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
                throw SlipwayException.Input(ErrorCode.InvalidUsage, error.Message, $"see '{name} --help'");
            }

            RegistryAccess.RefuseLiteralPassword(parse);
            host.ExactOutput = IsJson(parse);

            var configuration = new InvocationConfiguration
            {
                Output = host.Out,
                Error = host.Err,
                EnableDefaultExceptionHandler = false,

                // Program handles Ctrl+C and SIGTERM itself: a cancelled release must have time to roll back.
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (SlipwayException e)
        {
            host.Err.WriteLine($"slipway: error {e.CodeText}: {e.Message}");
            if (e.Hint is not null)
            {
                host.Err.WriteLine($"  hint: {e.Hint}");
            }

            if (verbose)
            {
                host.Err.WriteLine(e.ToString());
            }

            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            host.Err.WriteLine("slipway: cancelled");
            return ExitCodes.Failed;
        }
#pragma warning disable CA1031 // Do not catch general exception types: an unexpected exception is a bug, reported with its stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            host.Err.WriteLine($"slipway: internal error (this is a bug in Slipway; please report it): {e}");
            return ExitCodes.Failed;
        }
        finally
        {
            // Not the command's token: after Ctrl+C the run's outcome must still be written.
            await host.Out.FlushAsync(CancellationToken.None);
            await host.Err.FlushAsync(CancellationToken.None);
        }
    }

    private static bool IsJson(ParseResult parse) =>
        parse.CommandResult.Command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == "--json") is { } json && parse.GetValue(json);

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
