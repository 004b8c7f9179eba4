using System.Text.Json.Nodes;
using Slipway.Oci;
using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;

namespace Slipway.Tests.Pipeline.Images;

public sealed class RunImagesTests
{
    internal static readonly Digest Index = Digest.Parse("sha256:" + new string('a', 64));

    private static readonly PushedImage Pushed = new(
        "127.0.0.1:5000/acme/demo",
        Index,
        [new PlatformDigest("linux/amd64", Digest.Parse("sha256:" + new string('b', 64))), new PlatformDigest("linux/arm64", Digest.Parse("sha256:" + new string('c', 64)))],
        ["prerelease-v1.2.3-abcdef0", "prerelease"]);

    [Fact]
    public void The_run_record_lists_an_image_once_with_every_tag_the_run_gave_it_less_those_cleaned_up()
    {
        var push = StepOutputJson.Write(new PrereleaseImages([Pushed], []));
        var promote = StepOutputJson.Write(new PromotedImages([Pushed with { Tags = ["1.2.3", "1.2", "latest"] }], [], []));
        var cleanup = StepOutputJson.Write(new PrereleaseCleanup([new UntaggedImage(Pushed.Repository, "prerelease-v1.2.3-abcdef0")]));

        var image = Assert.Single(RunImages.Gather([("push-prerelease", push), ("sign", null), ("promote-images", promote), ("cleanup-prerelease", cleanup)]));

        Assert.Equal(Index, image.Digest);
        Assert.Equal(["prerelease", "1.2.3", "1.2", "latest"], image.Tags);
        Assert.Equal(["linux/amd64", "linux/arm64"], image.Platforms.Select(p => p.Platform));
    }

    [Fact]
    public void A_rolled_back_run_lists_no_images()
    {
        var push = StepOutputJson.Write(new PrereleaseImages([Pushed], []));
        push[Slipway.Pipeline.StepContext.CompensatedKey] = true;

        Assert.Empty(RunImages.Gather([("push-prerelease", push)]));
    }

    [Fact]
    public void Steps_without_images_count_for_nothing()
    {
        Assert.Empty(RunImages.Gather([("gates", new JsonObject { ["gates"] = new JsonArray() })]));
    }
}
