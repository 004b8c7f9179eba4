using System.Text.Json.Nodes;
using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Pipeline.Outputs;

namespace Slipway.Tests.Pipeline.Outputs;

public sealed class StepOutputJsonTests
{
    private static readonly Digest IndexDigest = Digest.Parse("sha256:" + new string('a', 64));
    private static readonly Digest AmdDigest = Digest.Parse("sha256:" + new string('b', 64));

    private static readonly PushedImage Pushed = new(
        "127.0.0.1:5000/acme/demo",
        IndexDigest,
        [new PlatformDigest("linux/amd64", AmdDigest)],
        ["prerelease"]);

    [Fact]
    public void A_pushed_image_is_journaled_in_the_shape_runs_have_always_had()
    {
        var json = StepOutputJson.Write(new PrereleaseImages([Pushed], [new TagMove(Pushed.Repository, "prerelease", IndexDigest.ToString(), null)])).ToJsonString();

        Assert.Equal(
            "{\"images\":[{\"repository\":\"127.0.0.1:5000/acme/demo\",\"digest\":\"" + IndexDigest + "\",\"platforms\":[\"linux/amd64\"],\"tags\":[\"prerelease\"],"
            + "\"platformDigests\":{\"linux/amd64\":\"" + AmdDigest + "\"}}],"
            + "\"moves\":[{\"repository\":\"127.0.0.1:5000/acme/demo\",\"tag\":\"prerelease\",\"digest\":\"" + IndexDigest + "\",\"previous\":null}]}",
            json);
    }

    [Fact]
    public void A_post_release_branch_journaled_before_its_pull_request_existed_still_reads()
    {
        var old = JsonNode.Parse("""{"branch":"slipway/post-release-1.2.3","commit":"abc1234","created":true}""")!.AsObject();

        var read = StepOutputJson.Read<ChangelogFinalized>(old, "finalize-changelog");

        Assert.Equal(new ChangelogFinalized("slipway/post-release-1.2.3", "abc1234", true), read);
        Assert.Null(read.PullRequest);
    }

    [Fact]
    public void The_post_release_pull_request_is_journaled_with_its_number_and_url()
    {
        var written = StepOutputJson.Write(new ChangelogFinalized("slipway/post-release-1.2.3", "abc1234", false, 7, "https://github.com/acme/demo/pull/7"));

        Assert.Equal("""{"branch":"slipway/post-release-1.2.3","commit":"abc1234","created":false,"pullRequest":7,"pullRequestUrl":"https://github.com/acme/demo/pull/7"}""", written.ToJsonString());
        Assert.Equal(7, StepOutputJson.Read<ChangelogFinalized>(written, "finalize-changelog").PullRequest);
    }

    [Fact]
    public void A_pushed_image_reads_back_as_written_with_typed_digests()
    {
        var read = StepOutputJson.Read<PrereleaseImages>(JsonNode.Parse(StepOutputJson.Write(new PrereleaseImages([Pushed], [])).ToJsonString())!.AsObject(), "push-prerelease");

        var image = Assert.Single(read.Images);
        Assert.Equal(Pushed.Repository, image.Repository);
        Assert.Equal(IndexDigest, image.Digest);
        Assert.Equal(Pushed.Platforms, image.Platforms);
        Assert.Equal(Pushed.Tags, image.Tags);
        Assert.Equal([IndexDigest, AmdDigest], image.AllDigests);
    }

    [Fact]
    public void An_image_journaled_before_platform_digests_existed_gives_each_platform_the_image_digest()
    {
        var outputs = JsonNode.Parse($$"""{"images":[{"repository":"r","digest":"{{IndexDigest}}","platforms":["linux/amd64"],"tags":[]}],"moves":[]}""")!.AsObject();

        var image = Assert.Single(StepOutputJson.Read<PrereleaseImages>(outputs, "push-prerelease").Images);

        Assert.Equal(IndexDigest, Assert.Single(image.Platforms).Digest);
    }

    [Fact]
    public void A_journaled_digest_that_is_not_a_digest_is_refused_with_the_step_named()
    {
        var outputs = JsonNode.Parse("""{"signatures":[{"repository":"r","digest":"sha256:abc","signature":"sha256-abc.sig"}],"artifacts":[]}""")!.AsObject();

        var error = Assert.Throws<SlipwayException>(() => StepOutputJson.Read<ImageSignatures>(outputs, "sign"));

        Assert.Equal(ErrorCode.StepOutputUnreadable, error.Code);
        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Contains("step 'sign'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_field_is_refused_rather_than_read_as_null()
    {
        var outputs = JsonNode.Parse("""{"version":"1.2.3","tag":"v1.2.3","prerelease":false,"source":"VERSION"}""")!.AsObject();

        var error = Assert.Throws<SlipwayException>(() => StepOutputJson.Read<DetectedVersion>(outputs, "detect-version"));

        Assert.Equal(ErrorCode.StepOutputUnreadable, error.Code);
        Assert.Contains("commit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_without_moves_reads_as_none_and_moves_keep_their_previous_digests()
    {
        TagMove[] moves = [new("r", "latest", "sha256:new", "sha256:old"), new("r", "1.2.3", "sha256:new", null)];

        var read = StepOutputJson.Read<TagMoveProgress>(StepOutputJson.Write(new TagMoveProgress { Moves = moves }), "promote-images");

        Assert.Equal(moves, read.Moves);
        Assert.Empty(StepOutputJson.Read<TagMoveProgress>([], "promote-images").Moves);
    }

    [Fact]
    public void Detect_version_keeps_its_journal_keys()
    {
        var json = StepOutputJson.Write(new DetectedVersion("1.2.3", "v1.2.3", "0123abc", false, "VERSION")).ToJsonString();

        Assert.Equal("""{"version":"1.2.3","tag":"v1.2.3","commit":"0123abc","prerelease":false,"source":"VERSION"}""", json);
    }
}
