using System.Text.Json.Nodes;
using Slipway.Pipeline.Images;

namespace Slipway.Tests.Pipeline.Images;

public sealed class RunImagesTests
{
    private static readonly PushedImage Pushed = new(
        "127.0.0.1:5000/acme/demo",
        "sha256:aaaa",
        [new PlatformDigest("linux/amd64", "sha256:bbbb"), new PlatformDigest("linux/arm64", "sha256:cccc")],
        ["prerelease-v1.2.3-abcdef0", "prerelease"]);

    [Fact]
    public void The_run_record_lists_an_image_once_with_every_tag_the_run_gave_it_less_those_cleaned_up()
    {
        var push = new JsonObject { ["images"] = new JsonArray(Pushed.ToJson()) };
        var promote = new JsonObject { ["images"] = new JsonArray(Pushed.ToJson(["1.2.3", "1.2", "latest"])) };
        var cleanup = new JsonObject
        {
            ["untagged"] = new JsonArray(new JsonObject { ["repository"] = Pushed.Repository, ["tag"] = "prerelease-v1.2.3-abcdef0" }),
        };

        var image = Assert.Single(RunImages.Gather([push, null, promote, cleanup]));

        Assert.Equal("sha256:aaaa", image["digest"]!.GetValue<string>());
        Assert.Equal(["prerelease", "1.2.3", "1.2", "latest"], image["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["linux/amd64", "linux/arm64"], image["platforms"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public void A_rolled_back_run_lists_no_images()
    {
        var push = new JsonObject { ["images"] = new JsonArray(Pushed.ToJson()), ["compensated"] = true };

        Assert.Empty(RunImages.Gather([push]));
    }

    [Fact]
    public void A_pushed_image_reads_back_from_the_journal_as_written()
    {
        var read = PushedImage.FromJson(JsonNode.Parse(Pushed.ToJson().ToJsonString())!);

        Assert.Equal(Pushed.Repository, read.Repository);
        Assert.Equal(Pushed.Digest, read.Digest);
        Assert.Equal(Pushed.Platforms, read.Platforms);
        Assert.Equal(Pushed.Tags, read.Tags);
        Assert.Equal(["sha256:aaaa", "sha256:bbbb", "sha256:cccc"], read.AllDigests);
    }

    [Fact]
    public void Tag_moves_read_back_from_the_journal_with_their_previous_digests()
    {
        TagMove[] moves = [new("r", "latest", "sha256:new", "sha256:old"), new("r", "1.2.3", "sha256:new", null)];

        var read = TagMoveJson.Read(new JsonObject { ["moves"] = TagMoveJson.Write(moves) });

        Assert.Equal(moves, read);
        Assert.Empty(TagMoveJson.Read(null));
    }
}
