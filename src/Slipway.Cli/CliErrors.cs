using Slipway.Diagnostics;

namespace Slipway.Cli;

/// <summary>Messages of the command line's own checks on secrets given as options.</summary>
internal static class CliErrors
{
    public static SlipwayException LiteralPassword(string option) =>
        SlipwayException.Input(
            ErrorCode.LiteralPasswordRefused,
            $"{option} takes env:NAME, not the password itself: a command line is visible to every user of the machine (ps, /proc/PID/cmdline) and kept in shell history",
            $"write {option} env:NAME with the password in environment variable NAME, or pipe it in with --password-stdin");

    public static SlipwayException LiteralKey(string option) =>
        SlipwayException.Input(
            ErrorCode.LiteralPasswordRefused,
            $"{option} takes a path to the key file or env:NAME, not the private key itself: a command line is visible to every user of the machine",
            $"write {option} env:NAME with the PEM in environment variable NAME, or {option} PATH");

    public static SlipwayException PasswordStdinEmpty() =>
        SlipwayException.Input(ErrorCode.PasswordStdinEmpty, "--password-stdin read no password: standard input was empty");
}
