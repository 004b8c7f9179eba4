using Slipway.Signing;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// An index entry with a real platform is a platform whatever its annotations say: a builder who annotates linux/arm64
/// as BuildKit annotates an attestation manifest must not get that image past the SBOM, the scan and verify.
/// </summary>
[Collection(Oci.AnonymousRegistryGroup.Name)]
public sealed class PlatformClassificationTests(AnonymousRegistry server) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_platform_annotated_as_an_attestation_gets_its_SBOM()
    {
        using var scenario = await CreateAsync();
        using var signer = scenario.Signer();
        var asked = new List<string>();

        var results = await new ImageSigning(scenario.Client, signer).AttestSbomsAsync(
            scenario.Tagged,
            (target, _) =>
            {
                asked.Add(target.PlatformText);
                return Task.FromResult(SbomFixtures.Spdx(60, target.PlatformText));
            },
            _ => SbomFloor.Compute(50, null),
            Ct);

        Assert.Equal(["linux/amd64", "linux/arm64/v8"], asked);
        Assert.Equal(scenario.Layout.Children.Take(2).Select(c => c.Digest), results.Select(r => r.Digest));
        Assert.DoesNotContain(scenario.AttestationEntry.Digest.TagSafe + ".att", await scenario.TagsAsync());
    }

    [Fact]
    public async Task Verify_requires_the_SBOM_of_a_platform_annotated_as_an_attestation()
    {
        using var scenario = await CreateAsync();
        using var signer = scenario.Signer();
        var signing = new ImageSigning(scenario.Client, signer);
        await signing.SignAsync(scenario.Tagged, Ct);
        var amd64 = scenario.Layout.Children[0].Digest;
        var arm64 = scenario.Layout.Children[1].Digest;
        await signing.AttestAsync(scenario.Repository.WithDigest(amd64), PredicateTypes.Spdx, SbomFixtures.Spdx(60, "linux/amd64"), replace: true, Ct);

        var result = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub", "--attestation", "spdxjson");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW5013", result.Err, StringComparison.Ordinal);
        Assert.Contains($"no {PredicateTypes.Spdx} attestation at {CosignStore.AttestationTag(scenario.Repository, arm64)}", result.Err, StringComparison.Ordinal);
        Assert.Contains($"FAIL  attestation {PredicateTypes.Spdx} {arm64} (linux/arm64/v8)", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.AttestationEntry.Digest.ToString(), result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_lists_a_platform_annotated_as_an_attestation_among_the_platforms()
    {
        using var scenario = await CreateAsync();

        var result = await scenario.CliAsync("image", "inspect", scenario.Tagged.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"platform   linux/amd64      {scenario.Layout.Children[0].Digest}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"platform   linux/arm64/v8   {scenario.Layout.Children[1].Digest}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"attestation {scenario.AttestationEntry.Digest} (for {scenario.Layout.Children[0].Digest})", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain($"attestation {scenario.Layout.Children[1].Digest}", result.Out, StringComparison.Ordinal);
    }

    public void Dispose() => server.AttachLogIfFailed();

    private Task<SigningScenario> CreateAsync() =>
        SigningScenario.CreateAsync(server.Registry, (path, seed) => TestImages.IndexWithPlatformAnnotatedAsAttestation(path, seed));
}
