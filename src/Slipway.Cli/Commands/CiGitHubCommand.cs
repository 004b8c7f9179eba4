using System.CommandLine;
using System.Reflection;
using System.Text;
using Slipway.Ci;
using Slipway.Files;
using Slipway.Git;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway ci github [--out FILE] [--check]</c>: writes the GitHub Actions workflow for this configuration, or with
/// <c>--check</c> compares it with the file (exit 1 when it differs or is missing, naming the file) and writes nothing.
/// </summary>
internal static class CiGitHubCommand
{
    /// <summary>A generated workflow is a few kilobytes; the file read back for --check is capped well above that.</summary>
    private const int MaxWorkflowBytes = 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliHost host)
    {
        var output = new Option<string?>("--out")
        {
            Description = $"The workflow file, inside the repository (default: {GitHubWorkflow.DefaultPath}).",
            HelpName = "FILE",
        };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the file differs from what the configuration generates, or is missing." };
        var command = new Command(
            "github",
            "Write the GitHub Actions workflow for this configuration: push to [project] release-branch, tag pushes and "
            + "workflow_dispatch trigger it; a version job ends it when there is nothing to release; one job per step (per "
            + "platform for [[image]] layouts), needs: as the step graph, least-privilege permissions, pinned actions, "
            + "secrets by name. Needs [state] store = \"postgres:...\" with password = \"env:NAME\". Configure it under "
            + "[ci.github]: runs-on, timeout-minutes, approval-environment, approval-timeout-minutes, action, and "
            + "[ci.github.platforms] \"os/arch\" = { runs-on = \"...\" }.")
        {
            output,
            check,
        };
        command.SetAction(parse =>
        {
            var context = new CommandContext(host, parse);
            var repositoryRoot = GitRepository.FindWorkingDirectory(context.Directory);
            var config = context.LoadConfig(repositoryRoot);
            var root = repositoryRoot ?? config.RootDirectory;
            var text = GitHubWorkflow.Generate(config, root, ToolCommit());
            var path = parse.GetValue(output) is { } given ? context.ResolvePath(given) : Path.Combine(root, GitHubWorkflow.DefaultPath);
            var shown = context.Shown(path);
            var boundary = FileBoundary.Repository(root);
            var target = OutputPath.EnsureInside(path, shown, "--out", boundary, FileKind.RegularFile);
            if (parse.GetValue(check))
            {
                var current = RepositoryFile.ReadAllBytes(target, shown, boundary, MaxWorkflowBytes, () => CiErrors.Missing(shown));
                if (!current.AsSpan().SequenceEqual(Utf8.GetBytes(text)))
                {
                    throw CiErrors.Differs(shown);
                }

                host.Out.WriteLine($"{shown} is up to date");
                return 0;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text, Utf8);
            host.Out.WriteLine($"wrote {shown}");
            return 0;
        });
        return command;
    }

    /// <summary>The commit in this build's informational version (<c>0.1.0+COMMIT</c>), which the default action is pinned to.</summary>
    private static string? ToolCommit()
    {
        var version = typeof(GitHubWorkflow).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = version?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return plus < 0 ? null : version![(plus + 1)..];
    }
}
