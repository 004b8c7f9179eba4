using System.CommandLine;
using Slipway.Oci;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway image push LAYOUT[:NAME] REF</c>: pushes a layout entry byte for byte and prints its digest.</summary>
internal static class ImagePushCommand
{
    public static Command Create(CliHost host)
    {
        var layoutArgument = new Argument<string>("LAYOUT[:NAME]") { Description = "An OCI image layout folder or tar; :NAME picks the index.json entry with that org.opencontainers.image.ref.name." };
        var referenceArgument = new Argument<string>("REF") { Description = "Where to push: registry/repository[:tag]." };
        var json = GlobalOptions.Json();
        var command = new Command("push", "Push an OCI image layout (folder or tar) to a registry; prints the pushed digest.")
        {
            layoutArgument,
            referenceArgument,
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var target = RegistryAccess.ParseReference(parse.GetValue(referenceArgument)!);
            var (path, name) = OciLayout.SplitArgument(parse.GetValue(layoutArgument)!, context.Directory);
            var layout = OciLayout.Open(path, cancellationToken);
            var plan = await PushPlan.CreateAsync(layout, layout.Select(name), cancellationToken);
            using var client = RegistryAccess.CreateClient(context, parse, target);
            var result = await ImagePush.ExecuteAsync(client, layout, plan, target, client.Options.Concurrency, cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(host.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("digest", result.Digest.ToString());
                    writer.WriteString("mediaType", result.MediaType);
                    ImageJson.WritePlatforms(writer, "platforms", result.Platforms);
                    writer.WriteEndObject();
                });
            }
            else
            {
                host.Out.WriteLine(result.Digest.ToString());
                host.Err.WriteLine($"pushed {result.Reference.Name}@{result.Digest} as {result.Reference} ({result.BlobsUploaded} blob(s) uploaded, {result.BlobsSkipped} already there)");
            }

            return 0;
        });
        return command;
    }
}
