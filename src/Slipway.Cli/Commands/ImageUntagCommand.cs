using System.CommandLine;
using Slipway.Oci;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway image untag REF</c>: removes one tag, leaving other tags of the same digest in place.</summary>
internal static class ImageUntagCommand
{
    public static Command Create(CliHost host) =>
        ReferenceCommand.Create(
            host,
            "untag",
            "Remove one tag without touching other tags that share its digest.",
            "registry/repository:tag",
            async (client, reference, json, cancellationToken) =>
            {
                var result = await ImageUntag.UntagAsync(client, reference, cancellationToken);
                if (json)
                {
                    JsonOutput.Write(host.Out, writer =>
                    {
                        writer.WriteStartObject();
                        writer.WriteString("reference", result.Reference.ToString());
                        writer.WriteString("digest", result.Digest.ToString());
                        writer.WriteString("method", Method(result.Method));
                        writer.WriteEndObject();
                    });
                }
                else
                {
                    host.Out.WriteLine($"untagged {result.Reference} (was {result.Digest}): {Describe(result.Method)}");
                }
            });

    private static string Method(UntagMethod method) => method switch
    {
        UntagMethod.DeleteTag => "delete-tag",
        UntagMethod.DeleteDigest => "delete-digest",
        UntagMethod.Throwaway => "throwaway-manifest",
        _ => "docker-hub-api",
    };

    private static string Describe(UntagMethod method) => method switch
    {
        UntagMethod.DeleteTag => "the registry deleted the tag",
        UntagMethod.DeleteDigest => "deleted the manifest by digest; no other tag named it",
        UntagMethod.Throwaway => "other tags share the digest, so the tag was moved onto a throwaway manifest and that was deleted",
        _ => "deleted through the Docker Hub API",
    };
}
