using System.CommandLine;
using Slipway.Cli;
using Slipway.Diagnostics;

namespace Slipway.Tests.Cli;

public sealed class SlipwayAppTests
{
    private static async Task<(int ExitCode, string Out, string Err)> Run(Action<RootCommand, CliHost> configure, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, new DictionaryEnvironment(environment ?? new Dictionary<string, string>()), Path.GetTempPath());
        var exitCode = await SlipwayApp.RunAsync(args, host, h =>
        {
            var root = SlipwayApp.BuildRoot(h);
            configure(root, h);
            return root;
        });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static Command Throwing(string name, Exception exception)
    {
        var command = new Command(name);
        command.SetAction(new Func<ParseResult, int>(_ => throw exception));
        return command;
    }

    [Fact]
    public async Task Expected_failure_prints_code_message_and_hint_without_stack_trace()
    {
        var (exitCode, output, error) = await Run(
            (root, _) => root.Subcommands.Add(Throwing("fail", SlipwayException.Failure(ErrorCode.RemoteUnreachable, "the remote is down", "try again"))),
            null,
            "fail");
        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Empty(output);
        Assert.Equal("slipway: error SLW2011: the remote is down\n  hint: try again\n", error);
    }

    [Fact]
    public async Task Input_error_exits_2()
    {
        var (exitCode, _, error) = await Run(
            (root, _) => root.Subcommands.Add(Throwing("fail", SlipwayException.Input(ErrorCode.ConfigUnknownKey, "bad key"))),
            null,
            "fail");
        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal("slipway: error SLW1004: bad key\n", error);
    }

    [Fact]
    public async Task Unexpected_exception_is_a_bug_with_its_stack_trace_and_exit_1()
    {
        var (exitCode, _, error) = await Run(
            (root, _) => root.Subcommands.Add(Throwing("crash", new InvalidOperationException("boom"))),
            null,
            "crash");
        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.StartsWith("slipway: internal error (this is a bug in Slipway; please report it): System.InvalidOperationException: boom", error, StringComparison.Ordinal);
        Assert.Contains("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registered_secrets_are_masked_on_stdout_and_stderr()
    {
        var (exitCode, output, error) = await Run(
            (root, host) =>
            {
                var command = new Command("leak");
                command.SetAction(new Func<ParseResult, int>(_ =>
                {
                    host.Redactor.Register(host.Environment.GetVariable("TOKEN"));
                    host.Out.Write("token=");
                    host.Out.Write("s3cr3t-t0ken");
                    host.Out.WriteLine(" on stdout");
                    throw SlipwayException.Failure(ErrorCode.RemoteUnreachable, "401 for s3cr3t-t0ken");
                }));
                root.Subcommands.Add(command);
            },
            new Dictionary<string, string> { ["TOKEN"] = "s3cr3t-t0ken" },
            "leak");
        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Equal("token=*** on stdout\n", output);
        Assert.Equal("slipway: error SLW2011: 401 for ***\n", error);
    }

    [Fact]
    public async Task Missing_option_value_is_a_usage_error_with_a_hint()
    {
        var (exitCode, _, error) = await Run((_, _) => { }, null, "version", "--config");
        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.StartsWith("slipway: error SLW1001: ", error, StringComparison.Ordinal);
        Assert.Contains("hint: see 'slipway version --help'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (exitCode, output, _) = await Run((_, _) => { }, null, "--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("version", output, StringComparison.Ordinal);
        Assert.Contains("plan", output, StringComparison.Ordinal);
        Assert.Contains("init", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_github_actions_each_secret_is_masked_in_the_job_log_before_anything_else()
    {
        var environment = new Dictionary<string, string> { ["TOKEN"] = "s3cr3t-t0ken", ["GITHUB_ACTIONS"] = "true", ["KEY"] = "-----BEGIN KEY-----\nline-one-abc\nline-two-def\n" };
        var (exitCode, output, _) = await Run(
            (root, host) =>
            {
                var command = new Command("leak");
                command.SetAction(new Func<ParseResult, int>(_ =>
                {
                    host.Redactor.Register(host.Environment.GetVariable("TOKEN"));
                    host.Redactor.Register(host.Environment.GetVariable("KEY"));
                    host.Redactor.Register(host.Environment.GetVariable("TOKEN"));
                    host.Out.WriteLine("token=s3cr3t-t0ken");
                    return 0;
                }));
                root.Subcommands.Add(command);
            },
            environment,
            "leak");
        Assert.Equal(0, exitCode);
        Assert.Equal(
            "::add-mask::s3cr3t-t0ken\n::add-mask::-----BEGIN KEY-----\n::add-mask::line-one-abc\n::add-mask::line-two-def\ntoken=***\n",
            output);
    }

    [Fact]
    public async Task Outside_github_actions_no_mask_command_is_written()
    {
        var (_, output, _) = await Run(
            (root, host) =>
            {
                var command = new Command("quiet");
                command.SetAction(new Func<ParseResult, int>(_ =>
                {
                    host.Redactor.Register("s3cr3t-t0ken");
                    return 0;
                }));
                root.Subcommands.Add(command);
            },
            new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "false" },
            "quiet");
        Assert.Empty(output);
    }
}
