using System.Text.Json.Nodes;
using Slipway.Pipeline.Outputs;

namespace Slipway.Pipeline.Images;

/// <summary>
/// The run record's <c>images</c>: the images the steps journaled (push-prerelease, promote-images), one entry per
/// (repository, digest) with every tag the run gave it, less the tags a step journaled as <c>untagged</c>
/// (cleanup-prerelease); steps rolled back count for nothing.
/// </summary>
public static class RunImages
{
    public static IReadOnlyList<PushedImage> Gather(IEnumerable<(string Step, JsonObject? Outputs)> stepOutputs)
    {
        ArgumentNullException.ThrowIfNull(stepOutputs);
        // A step whose effects were rolled back left no image behind.
        var outputs = stepOutputs
            .Where(s => s.Outputs is not null && s.Outputs[StepContext.CompensatedKey]?.GetValue<bool>() != true)
            .Select(s => (s.Step, Outputs: s.Outputs!))
            .ToList();
        var untagged = outputs
            .SelectMany(s => StepOutputJson.Read<UntaggedListing>(s.Outputs, s.Step).Untagged)
            .ToHashSet();
        var images = new List<(PushedImage Image, List<string> Tags)>();
        foreach (var image in outputs.SelectMany(s => StepOutputJson.Read<ImageListing>(s.Outputs, s.Step).Images))
        {
            var index = images.FindIndex(i => i.Image.Repository == image.Repository && i.Image.Digest == image.Digest);
            if (index < 0)
            {
                images.Add((image, []));
                index = images.Count - 1;
            }

            var tags = images[index].Tags;
            foreach (var tag in image.Tags)
            {
                if (!untagged.Contains(new UntaggedImage(image.Repository, tag)) && !tags.Contains(tag))
                {
                    tags.Add(tag);
                }
            }
        }

        return [.. images.Select(i => i.Image with { Tags = i.Tags })];
    }
}
