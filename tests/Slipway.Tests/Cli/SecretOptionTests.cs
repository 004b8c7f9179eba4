using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Cli;

/// <summary>A secret on the command line is visible to every user of the machine (/proc/PID/cmdline): refused.</summary>
public sealed class SecretOptionTests
{
    private const string Literal = "hunter2-on-the-command-line";

    public static TheoryData<string> CommandsTakingAPassword() =>
    [
        "image inspect 127.0.0.1:9/acme/demo:1",
        "image push missing-layout 127.0.0.1:9/acme/demo:1",
        "sign 127.0.0.1:9/acme/demo@sha256:" + new string('a', 64) + " --key missing.key",
        "attest 127.0.0.1:9/acme/demo@sha256:" + new string('a', 64) + " --key missing.key --type slsaprovenance --predicate p.json",
        "verify 127.0.0.1:9/acme/demo:1 --key missing.pub",
    ];

    [Theory]
    [MemberData(nameof(CommandsTakingAPassword))]
    public async Task A_literal_password_is_refused_before_the_command_runs(string command)
    {
        using var temp = new TempDirectory();

        var result = await CliRunner.RunAsync(temp.Path, [.. command.Split(' '), "--username", "ci", "--password", Literal]);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("slipway: error SLW1012: --password takes env:NAME, not the password itself", result.Err, StringComparison.Ordinal);
        Assert.Contains("hint: write --password env:NAME with the password in environment variable NAME, or pipe it in with --password-stdin", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(Literal, result.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task An_empty_standard_input_is_no_password()
    {
        using var temp = new TempDirectory();

        var result = await CliRunner.RunWithInputAsync(temp.Path, null, string.Empty, "image", "inspect", "127.0.0.1:9/acme/demo:1", "--username", "ci", "--password-stdin");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal("slipway: error SLW1013: --password-stdin read no password: standard input was empty\n", result.Err);
    }

    [Fact]
    public async Task Password_and_password_stdin_exclude_each_other()
    {
        using var temp = new TempDirectory();

        var result = await CliRunner.RunWithInputAsync(temp.Path, new Dictionary<string, string> { ["PW"] = "from-env" }, "from-stdin\n", "image", "inspect", "127.0.0.1:9/acme/demo:1", "--username", "ci", "--password", "env:PW", "--password-stdin");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW1001: --password and --password-stdin exclude each other", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_key_given_as_the_key_option_itself_is_refused()
    {
        using var temp = new TempDirectory();
        const string Pem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49privatekeybody\n-----END PRIVATE KEY-----\n";

        var result = await CliRunner.RunAsync(temp.Path, "sign", "127.0.0.1:9/acme/demo@sha256:" + new string('a', 64), "--key", Pem);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("SLW1012: --key takes a path to the key file or env:NAME, not the private key itself", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("privatekeybody", result.ToString(), StringComparison.Ordinal);
    }
}
