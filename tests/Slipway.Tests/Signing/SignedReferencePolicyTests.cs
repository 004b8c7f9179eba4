using Slipway.Oci;
using Slipway.Signing;

namespace Slipway.Tests.Signing;

public sealed class SignedReferencePolicyTests
{
    [Theory]
    [InlineData("ghcr.io/acme/prod", "ghcr.io/acme/prod:1.2.3")]
    [InlineData("ghcr.io/acme/prod:1.2.3", "ghcr.io/acme/prod")]
    [InlineData("GHCR.io/acme/prod", "ghcr.io/acme/prod")]
    [InlineData("127.0.0.1:5000/acme/prod", "127.0.0.1:5000/acme/prod@sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("index.docker.io/library/alpine", "alpine")]
    [InlineData("docker.io/library/alpine", "alpine:3")]
    [InlineData("alpine", "docker.io/library/alpine")]
    [InlineData("registry-1.docker.io/acme/prod", "acme/prod")]
    public void The_verified_repository_admits_a_claim_naming_it(string claimed, string verified)
    {
        Assert.True(SignedReferencePolicy.VerifiedRepository.Admits(claimed, ImageReference.Parse(verified), out var reason), reason);
    }

    [Theory]
    [InlineData("ghcr.io/acme/debug-tools", "ghcr.io/acme/prod", "ghcr.io/acme/debug-tools, not ghcr.io/acme/prod")]
    [InlineData("ghcr.io/acme/prod", "quay.io/acme/prod", "ghcr.io/acme/prod, not quay.io/acme/prod")]
    [InlineData("127.0.0.1:5001/acme/prod", "127.0.0.1:5000/acme/prod", "127.0.0.1:5001/acme/prod, not 127.0.0.1:5000/acme/prod")]
    [InlineData("localhost:5000/acme/prod", "127.0.0.1:5000/acme/prod", "localhost:5000/acme/prod, not 127.0.0.1:5000/acme/prod")]
    [InlineData("alpine", "acme/alpine", "docker.io/library/alpine, not docker.io/acme/alpine")]
    [InlineData("ghcr.io/acme/prod/sub", "ghcr.io/acme/prod", "ghcr.io/acme/prod/sub, not ghcr.io/acme/prod")]
    public void The_verified_repository_refuses_a_claim_for_another_naming_both(string claimed, string verified, string names)
    {
        Assert.False(SignedReferencePolicy.VerifiedRepository.Admits(claimed, ImageReference.Parse(verified), out var reason));
        Assert.Contains($"the signature was made for {names}", reason, StringComparison.Ordinal);
        Assert.Contains("--allow-any-reference", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Not A Reference")]
    [InlineData("ghcr.io/Acme/Prod")]
    public void A_claim_that_is_no_reference_is_refused(string claimed)
    {
        Assert.False(SignedReferencePolicy.VerifiedRepository.Admits(claimed, ImageReference.Parse("ghcr.io/acme/prod"), out var reason));
        Assert.Contains($"'{claimed}', which is not an image reference; ghcr.io/acme/prod was expected", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_for_admits_that_repository_instead_of_the_verified_one()
    {
        var policy = SignedReferencePolicy.SignedFor(ImageReference.Parse("ghcr.io/acme/staging:rc1"));
        var verified = ImageReference.Parse("ghcr.io/acme/prod:1.2.3");

        Assert.True(policy.Admits("ghcr.io/acme/staging", verified, out _));
        Assert.False(policy.Admits("ghcr.io/acme/prod", verified, out var reason));
        Assert.Contains("ghcr.io/acme/prod, not ghcr.io/acme/staging", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_admits_every_claim()
    {
        Assert.True(SignedReferencePolicy.Any.Admits("ghcr.io/acme/debug-tools", ImageReference.Parse("ghcr.io/acme/prod"), out _));
        Assert.True(SignedReferencePolicy.Any.Admits("not a reference", ImageReference.Parse("ghcr.io/acme/prod"), out _));
    }
}
