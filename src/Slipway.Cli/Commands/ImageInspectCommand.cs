using System.CommandLine;
using Slipway.Oci;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway image inspect REF</c>: digest, media type, size and platforms; attestation entries apart.</summary>
internal static class ImageInspectCommand
{
    public static Command Create(CliHost host) =>
        ReferenceCommand.Create(
            host,
            "inspect",
            "Show what a reference names: digest, media type, size, platforms.",
            "registry/repository:tag or registry/repository@sha256:...",
            async (client, reference, json, cancellationToken) =>
            {
                var inspection = await ImageInspection.InspectAsync(client, reference, cancellationToken);
                if (json)
                {
                    WriteJson(host.Out, inspection);
                }
                else
                {
                    WriteText(host.Out, inspection);
                }
            });

    private static void WriteText(TextWriter output, ImageInspection inspection)
    {
        output.WriteLine($"reference  {inspection.Reference}");
        output.WriteLine($"digest     {inspection.Digest}");
        output.WriteLine($"mediaType  {inspection.MediaType}");
        output.WriteLine($"size       {inspection.Size}");
        foreach (var platform in inspection.Platforms)
        {
            output.WriteLine($"platform   {platform.Platform,-16} {platform.Digest}");
        }

        foreach (var attestation in inspection.Attestations)
        {
            var subject = attestation.Annotation("vnd.docker.reference.digest");
            output.WriteLine($"attestation {attestation.Digest}{(subject is null ? string.Empty : $" (for {subject})")}");
        }
    }

    private static void WriteJson(TextWriter output, ImageInspection inspection) =>
        JsonOutput.Write(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("digest", inspection.Digest.ToString());
            writer.WriteString("mediaType", inspection.MediaType);
            writer.WriteNumber("size", inspection.Size);
            writer.WriteStartArray("platforms");
            foreach (var platform in inspection.Platforms)
            {
                writer.WriteStartObject();
                ImageJson.WritePlatformFields(writer, platform.Platform);
                writer.WriteString("digest", platform.Digest.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("attestations");
            foreach (var attestation in inspection.Attestations)
            {
                writer.WriteStartObject();
                writer.WriteString("digest", attestation.Digest.ToString());
                writer.WriteString("mediaType", attestation.MediaType);
                var subject = attestation.Annotation("vnd.docker.reference.digest");
                if (subject is null)
                {
                    writer.WriteNull("subject");
                }
                else
                {
                    writer.WriteString("subject", subject);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
}
