using System.CommandLine;

namespace Slipway.Cli;

/// <summary>Options every command takes: <c>--config</c>, <c>-C</c>, <c>--verbose</c>.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Config { get; } = new("--config")
    {
        Description = "The configuration file (default: slipway.toml in the repository directory).",
        Recursive = true,
    };

    public static Option<string?> Directory { get; } = new("-C")
    {
        Description = "Run as if slipway was started in this directory.",
        HelpName = "DIR",
        Recursive = true,
    };

    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Print stack traces with errors.",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON on stdout." };
}
