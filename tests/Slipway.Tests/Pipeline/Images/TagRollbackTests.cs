using Slipway.Pipeline.Images;
using Slipway.Pipeline.Outputs;

namespace Slipway.Tests.Pipeline.Images;

public sealed class TagRollbackTests
{
    private const string Repository = "127.0.0.1:5000/acme/demo";
    private const string Built = "sha256:bbbb";
    private const string OlderLatest = "sha256:aaaa";
    private const string Older12 = "sha256:a12a";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static (InMemoryImageTags Registry, List<TagMove> Moves) Promoted()
    {
        var registry = new InMemoryImageTags();
        registry.Tags[$"{Repository}:latest"] = OlderLatest;
        registry.Tags[$"{Repository}:1.2"] = Older12;
        var moves = new List<TagMove>
        {
            new(Repository, "1.2.3", Built, null),
            new(Repository, "1.2", Built, Older12),
            new(Repository, "latest", Built, OlderLatest),
        };
        foreach (var move in moves)
        {
            registry.Tags[$"{Repository}:{move.Tag}"] = move.Digest;
        }

        return (registry, moves);
    }

    [Fact]
    public async Task Floating_tags_name_their_older_digests_again_and_new_tags_are_gone()
    {
        var (registry, moves) = Promoted();

        var actions = await TagRollback.UndoAsync(registry, moves, Token);

        Assert.Equal(OlderLatest, registry.Tags[$"{Repository}:latest"]);
        Assert.Equal(Older12, registry.Tags[$"{Repository}:1.2"]);
        Assert.False(registry.Tags.ContainsKey($"{Repository}:1.2.3"));
        Assert.Equal(["tag latest sha256:aaaa", "tag 1.2 sha256:a12a", "untag 1.2.3"], registry.Writes);
        Assert.Equal([TagRollbackKind.Restored, TagRollbackKind.Restored, TagRollbackKind.Removed], actions.Select(a => a.Kind));
    }

    [Fact]
    public async Task A_tag_someone_moved_since_is_never_touched()
    {
        var (registry, moves) = Promoted();
        registry.Tags[$"{Repository}:latest"] = "sha256:cccc";

        var actions = await TagRollback.UndoAsync(registry, moves, Token);

        Assert.Equal("sha256:cccc", registry.Tags[$"{Repository}:latest"]);
        Assert.Equal(TagRollbackKind.LeftAlone, actions[0].Kind);
        Assert.Contains("left alone", actions[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forbidden_write_fails_loudly_and_a_retry_finishes_the_job()
    {
        var (registry, moves) = Promoted();
        registry.Forbidden = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => TagRollback.UndoAsync(registry, moves, Token));
        Assert.Equal(Built, registry.Tags[$"{Repository}:latest"]);

        registry.Forbidden = false;
        await TagRollback.UndoAsync(registry, moves, Token);
        Assert.Equal(OlderLatest, registry.Tags[$"{Repository}:latest"]);
        Assert.False(registry.Tags.ContainsKey($"{Repository}:1.2.3"));
    }
}
