using System.CommandLine;
using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway image promote SRC --digest D [SRC --digest D]... --tag T...</c>: digest-preserving retag of one or several
/// images; the i-th SRC pairs with the i-th <c>--digest</c>, and every image gets every tag.
/// </summary>
internal static class ImagePromoteCommand
{
    public static Command Create(CliHost host)
    {
        var sources = new Argument<string[]>("SRC") { Description = "The image as pushed (registry/repository:prerelease-tag).", Arity = ArgumentArity.OneOrMore };
        var digests = new Option<string[]>("--digest") { Description = "The digest SRC must name (one per SRC, in order).", Arity = ArgumentArity.OneOrMore, Required = true };
        var tags = new Option<string[]>("--tag") { Description = "A tag to point at the digest (repeat for several).", Arity = ArgumentArity.OneOrMore, Required = true };
        var to = new Option<string?>("--to") { Description = "Promote into another repository on the same registry (one SRC only)." };
        var json = GlobalOptions.Json();
        var command = new Command("promote", "Point release tags at a tested digest: the identical manifest bytes, each tag re-read and verified.")
        {
            sources,
            digests,
            tags,
            to,
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var requests = ParseRequests(parse.GetValue(sources)!, parse.GetValue(digests)!, parse.GetValue(tags)!, parse.GetValue(to));
            using var client = RegistryAccess.CreateClient(context, parse, [.. requests.Select(r => r.Source)]);
            var results = await ImagePromotion.PromoteAllAsync(client, requests, cancellationToken: cancellationToken);
            if (parse.GetValue(json))
            {
                WriteJson(host.Out, results);
            }
            else
            {
                WriteText(host.Out, results);
            }

            foreach (var result in results)
            {
                result.EnsureSucceeded();
            }

            return 0;
        });
        return command;
    }

    /// <summary>Everything is parsed before the first request, so bad input changes nothing.</summary>
    private static List<PromoteRequest> ParseRequests(string[] sources, string[] digests, string[] tags, string? to)
    {
        if (sources.Length != digests.Length)
        {
            throw SlipwayException.Input(
                ErrorCode.InvalidUsage,
                $"{sources.Length} SRC and {digests.Length} --digest given: each SRC needs its own --digest, in the same order");
        }

        if (to is not null && sources.Length > 1)
        {
            throw SlipwayException.Input(ErrorCode.InvalidUsage, "--to takes one SRC");
        }

        var target = to is null ? null : ImageReference.Parse(to);
        if (target is not null && (target.Tag is not null || target.Digest is not null))
        {
            throw SlipwayException.Input(ErrorCode.InvalidUsage, $"--to names a repository, without :tag or @digest (it is '{to}')");
        }

        var requests = sources.Select((source, i) => new PromoteRequest(ImageReference.Parse(source), Digest.Parse(digests[i]), tags, target)).ToList();
        foreach (var request in requests)
        {
            request.Validate();
        }

        return requests;
    }

    private static void WriteText(TextWriter output, IReadOnlyList<PromoteResult> results)
    {
        foreach (var result in results)
        {
            output.WriteLine($"{result.Request.TargetRepository}@{result.Digest} ({result.MediaType})");
            var width = result.Tags.Max(t => t.Tag.Length);
            foreach (var tag in result.Tags)
            {
                var previous = tag.Previous is null ? "(new)" : tag.Previous == result.Digest ? "(unchanged)" : $"(was {tag.Previous})";
                var status = tag.Verified ? "verified" : $"FAILED: {tag.Error ?? $"names {tag.Current?.ToString() ?? "nothing"}"}";
                output.WriteLine($"  {tag.Tag.PadRight(width)}  {status}  {previous}");
            }
        }
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<PromoteResult> results) =>
        JsonOutput.Write(output, writer =>
        {
            if (results.Count == 1)
            {
                WriteResult(writer, results[0]);
                return;
            }

            writer.WriteStartObject();
            writer.WriteStartArray("images");
            foreach (var result in results)
            {
                WriteResult(writer, result);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static void WriteResult(System.Text.Json.Utf8JsonWriter writer, PromoteResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("source", result.Request.Source.ToString());
        writer.WriteString("repository", result.Request.TargetRepository.ToString());
        writer.WriteString("digest", result.Digest.ToString());
        writer.WriteString("mediaType", result.MediaType);
        writer.WriteStartArray("tags");
        foreach (var tag in result.Tags)
        {
            writer.WriteStartObject();
            writer.WriteString("tag", tag.Tag);
            ImageJson.WriteNullableDigest(writer, "previous", tag.Previous);
            ImageJson.WriteNullableDigest(writer, "digest", tag.Current);
            writer.WriteBoolean("verified", tag.Verified);
            if (tag.Error is not null)
            {
                writer.WriteString("error", tag.Error);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
