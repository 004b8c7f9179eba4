using System.CommandLine;
using Slipway.Oci;

namespace Slipway.Cli.Commands;

/// <summary>An <c>image</c> subcommand that acts on one reference: parses it, builds the client, hands both over.</summary>
internal static class ReferenceCommand
{
    public static Command Create(
        CliHost host,
        string name,
        string description,
        string referenceHelp,
        Func<RegistryClient, ImageReference, bool, CancellationToken, Task> run)
    {
        var referenceArgument = new Argument<string>("REF") { Description = referenceHelp };
        var json = GlobalOptions.Json();
        var command = new Command(name, description)
        {
            referenceArgument,
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var reference = ImageReference.Parse(parse.GetValue(referenceArgument)!);
            using var client = RegistryAccess.CreateClient(context, parse, reference);
            await run(client, reference, parse.GetValue(json), cancellationToken);
            return 0;
        });
        return command;
    }
}
