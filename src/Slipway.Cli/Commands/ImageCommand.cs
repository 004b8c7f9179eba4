using System.CommandLine;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway image</c>: push, promote, inspect and untag images in OCI registries; pack directories into layouts.</summary>
internal static class ImageCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("image", "Push OCI image layouts, promote images by digest, inspect and untag them.");
        RegistryAccess.AddTo(command);
        command.Subcommands.Add(ImagePushCommand.Create(host));
        command.Subcommands.Add(ImagePromoteCommand.Create(host));
        command.Subcommands.Add(ImageInspectCommand.Create(host));
        command.Subcommands.Add(ImageUntagCommand.Create(host));
        command.Subcommands.Add(ImageLayoutCommand.Create(host));
        return command;
    }
}
