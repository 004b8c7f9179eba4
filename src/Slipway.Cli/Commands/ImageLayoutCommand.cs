using System.CommandLine;
using Slipway.Oci;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway image layout --platform linux/amd64=DIR ... --out PATH</c>: packs directories into an OCI image layout
/// (an index over one image per platform), without Docker. Prints the digest.
/// </summary>
internal static class ImageLayoutCommand
{
    public static Command Create(CliHost host)
    {
        var platforms = new Option<string[]>("--platform")
        {
            Description = "OS/ARCH[/VARIANT]=DIRECTORY: the directory's files become that platform's image (repeat for each platform).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--out") { Description = "The layout folder to write (or the tar file with --tar).", Required = true };
        var name = new Option<string?>("--name") { Description = "Name the index.json entry (org.opencontainers.image.ref.name), for LAYOUT:NAME." };
        var tar = new Option<bool>("--tar") { Description = "Write the layout as one tar file instead of a folder." };
        var json = GlobalOptions.Json();
        var command = new Command("layout", "Pack directories into an OCI image layout, one image per platform under an index; prints the digest.")
        {
            platforms,
            output,
            name,
            tar,
            json,
        };
        command.SetAction(parse =>
        {
            var context = new CommandContext(host, parse);
            var sources = new List<LayoutSource>();
            foreach (var text in parse.GetValue(platforms) ?? [])
            {
                if (!LayoutSource.TryParse(text, context.Directory, out var source, out var error))
                {
                    throw LayoutPacker.InvalidSource(error);
                }

                sources.Add(source);
            }

            var path = context.ResolvePath(parse.GetValue(output)!);
            var result = LayoutPacker.Pack(sources, path, parse.GetValue(name), parse.GetValue(tar));
            if (parse.GetValue(json))
            {
                JsonOutput.Write(host.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("layout", result.Output);
                    writer.WriteString("digest", result.Digest.ToString());
                    writer.WriteString("mediaType", result.MediaType);
                    writer.WriteStartArray("platforms");
                    foreach (var platform in result.Platforms)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("platform", platform.Platform.ToString());
                        writer.WriteString("digest", platform.Digest.ToString());
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                });
            }
            else
            {
                host.Out.WriteLine(result.Digest.ToString());
                host.Err.WriteLine($"wrote {context.Shown(result.Output)}: {string.Join(", ", result.Platforms.Select(p => $"{p.Platform} {p.Digest}"))}");
            }

            return 0;
        });
        return command;
    }
}
