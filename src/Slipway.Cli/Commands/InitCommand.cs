using System.CommandLine;
using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway init</c>: writes a commented starter slipway.toml with the version source it detects.</summary>
internal static class InitCommand
{
    public static Command Create(CliHost host)
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing slipway.toml." };
        var command = new Command("init", "Write a starter slipway.toml for this repository.") { force };
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

            File.WriteAllText(path, StarterConfig.Render(context.Directory));
            host.Out.WriteLine($"wrote {Path.GetRelativePath(host.WorkingDirectory, path)}");
            return 0;
        });
        return command;
    }
}
