using System.CommandLine;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway ci</c>: the workflow that runs this configuration's release on a CI engine.</summary>
internal static class CiCommand
{
    public static Command Create(CliHost host) =>
        new("ci", "Generate the CI workflow that runs the release graph as separate jobs on the shared journal.")
        {
            CiGitHubCommand.Create(host),
        };
}
