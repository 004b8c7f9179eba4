using Slipway.Oci;

namespace Slipway.Tests.Oci;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("127.0.0.1:5000/acme/demo:1.2.3", "127.0.0.1:5000", "acme/demo", "1.2.3")]
    [InlineData("localhost/demo", "localhost", "demo", null)]
    [InlineData("registry.example.com/a/b/c:latest", "registry.example.com", "a/b/c", "latest")]
    [InlineData("alpine", "docker.io", "library/alpine", null)]
    [InlineData("acme/demo:v1", "docker.io", "acme/demo", "v1")]
    [InlineData("index.docker.io/acme/demo", "docker.io", "acme/demo", null)]
    [InlineData("ghcr.io/acme/my_app__x-y.z:1.0.0-rc.1", "ghcr.io", "acme/my_app__x-y.z", "1.0.0-rc.1")]
    public void Parses_registry_repository_and_tag(string text, string registry, string repository, string? tag)
    {
        Assert.True(ImageReference.TryParse(text, out var reference, out var error), error);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
    }

    [Fact]
    public void Parses_a_tag_and_a_digest_together()
    {
        var digest = "sha256:" + new string('a', 64);

        var reference = ImageReference.Parse($"127.0.0.1:5000/demo:1.0@{digest}");

        Assert.Equal("1.0", reference.Tag);
        Assert.Equal(digest, reference.Digest!.ToString());
        Assert.Equal(digest, reference.Selector);
        Assert.Equal($"127.0.0.1:5000/demo:1.0@{digest}", reference.ToString());
    }

    [Theory]
    [InlineData("UPPER/case", "must be lowercase")]
    [InlineData("127.0.0.1:5000/demo:tag@", "invalid digest")]
    [InlineData(":tag@", "invalid digest")]
    [InlineData("127.0.0.1:5000/demo@sha256:abc", "64")]
    [InlineData("127.0.0.1:5000/demo@md5:d41d8cd98f00b204e9800998ecf8427e", "algorithm 'md5'")]
    [InlineData("127.0.0.1:5000/demo:.hidden", "invalid tag")]
    [InlineData("127.0.0.1:5000/", "no repository")]
    [InlineData("127.0.0.1:5000/a//b", "invalid repository name")]
    [InlineData("127.0.0.1:5000/demo-:x", "invalid repository name")]
    [InlineData("", "empty")]
    public void Refuses_malformed_references(string text, string reason)
    {
        Assert.False(ImageReference.TryParse(text, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_raises_an_input_error_with_the_reference_code()
    {
        var error = Assert.Throws<Slipway.Diagnostics.SlipwayException>(() => ImageReference.Parse("UPPER/case"));

        Assert.Equal(Slipway.Diagnostics.ErrorCode.InvalidReference, error.Code);
        Assert.Equal(2, error.ExitCode);
    }

    [Theory]
    [InlineData("1.2.3", true)]
    [InlineData("latest", true)]
    [InlineData("prerelease-v1.2.3-abc1234", true)]
    [InlineData("_x", true)]
    [InlineData("-x", false)]
    [InlineData(".x", false)]
    [InlineData("1.2.3+build", false)]
    [InlineData("with space", false)]
    [InlineData("é", false)]
    public void Validates_tags(string tag, bool valid) => Assert.Equal(valid, ImageReference.IsValidTag(tag));

    [Fact]
    public void A_tag_of_129_characters_is_refused() => Assert.False(ImageReference.IsValidTag(new string('a', 129)));
}
