using System.CommandLine;
using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway init</c>: writes a commented starter slipway.toml from what it finds in the repository, and
/// prints each guess with its reason.</summary>
internal static class InitCommand
{
    public static Command Create(CliHost host)
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing slipway.toml." };
        var command = new Command("init", "Write a starter slipway.toml: name, version source and scheme, tag template, release branch and changelog guessed from the project's files, tags and remote.") { force };
        command.SetAction(parse =>
        {
            var context = new CommandContext(host, parse);
            if (!Directory.Exists(context.Directory))
            {
                throw SlipwayException.Input(ErrorCode.InvalidUsage, $"{context.Directory}: no such directory");
            }

            var path = context.ConfigPath();
            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw SlipwayException.Input(ErrorCode.ConfigAlreadyExists, $"{path} already exists", "pass --force to overwrite it");
            }

            var plan = StarterConfig.Detect(context.Directory);
            File.WriteAllText(path, StarterConfig.Render(plan));
            foreach (var (key, guess) in new[]
            {
                ("name", plan.Name), ("version", plan.Version), ("version-scheme", plan.Scheme),
                ("tag", plan.Tag), ("release-branch", plan.ReleaseBranch), ("changelog", plan.Changelog),
            })
            {
                host.Out.WriteLine($"{key,-15} {guess.Value}  ({guess.Reason})");
            }

            foreach (var note in plan.Notes)
            {
                host.Out.WriteLine($"note: {note}");
            }

            host.Out.WriteLine($"wrote {Path.GetRelativePath(host.WorkingDirectory, path)}");
            return 0;
        });
        return command;
    }
}
