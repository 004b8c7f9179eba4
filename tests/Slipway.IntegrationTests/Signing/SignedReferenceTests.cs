using Slipway.Oci;
using Slipway.Signing;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// A signature names the repository it was made for (critical.identity.docker-reference): a signed image of one
/// repository, copied with its signature into another, must not verify there unless the user says so.
/// </summary>
[Collection(Oci.AnonymousRegistryGroup.Name)]
public sealed class SignedReferenceTests(AnonymousRegistry server) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signature_for_another_repository_copied_with_its_image_fails_verification_naming_both()
    {
        using var scenario = await SignedAsync();
        var prod = await CopyWithSignatureAsync(scenario);

        var result = await scenario.CliAsync("verify", prod.WithTag("v1").ToString(), "--key", "cosign.pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW5013", result.Err, StringComparison.Ordinal);
        Assert.Contains($"the signature was made for {scenario.Repository.Name}, not {prod.Name}", result.Err, StringComparison.Ordinal);
        Assert.Contains("FAIL  signature", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_for_another_repository_verifies_with_allow_any_reference()
    {
        using var scenario = await SignedAsync();
        var prod = await CopyWithSignatureAsync(scenario);

        var result = await scenario.CliAsync("verify", prod.WithTag("v1").ToString(), "--key", "cosign.pub", "--allow-any-reference");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"signed by cosign.pub for {scenario.Repository.Name} (any reference allowed)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_for_another_repository_verifies_when_signed_for_names_that_repository()
    {
        using var scenario = await SignedAsync();
        var prod = await CopyWithSignatureAsync(scenario);

        var named = await scenario.CliAsync("verify", prod.WithTag("v1").ToString(), "--key", "cosign.pub", "--signed-for", scenario.Repository.Name);
        var other = await scenario.CliAsync("verify", prod.WithTag("v1").ToString(), "--key", "cosign.pub", "--signed-for", prod.Name);

        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Equal(1, other.ExitCode);
        Assert.Contains($"the signature was made for {scenario.Repository.Name}, not {prod.Name}", other.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_for_the_verified_repository_verifies_by_tag_and_by_digest()
    {
        using var scenario = await SignedAsync();

        var byTag = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub");
        var byDigest = await scenario.CliAsync("verify", scenario.Repository.WithDigest(scenario.IndexDigest).ToString(), "--key", "cosign.pub");

        Assert.True(byTag.ExitCode == 0, byTag.ToString());
        Assert.True(byDigest.ExitCode == 0, byDigest.ToString());
        Assert.Contains($"signed by cosign.pub for {scenario.Repository.Name}", byTag.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--allow-any-reference", "--signed-for", "127.0.0.1:1/a/b", "exclude each other")]
    [InlineData("--signed-for", "127.0.0.1:1/a/b:v1", null, "without :tag or @digest")]
    public async Task Conflicting_or_malformed_reference_options_are_usage_errors(string first, string second, string? third, string message)
    {
        using var scenario = await SignedAsync();
        string[] args = ["verify", scenario.Tagged.ToString(), "--key", "cosign.pub", first, second, .. third is null ? Array.Empty<string>() : [third]];

        var result = await scenario.CliAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SLW", result.Err, StringComparison.Ordinal);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    public void Dispose() => server.AttachLogIfFailed();

    private async Task<SigningScenario> SignedAsync()
    {
        var scenario = await SigningScenario.CreateAsync(server.Registry);
        using var signer = scenario.Signer();
        await new ImageSigning(scenario.Client, signer).SignAsync(scenario.Repository.WithDigest(scenario.IndexDigest), Ct);
        return scenario;
    }

    /// <summary>What an attacker with push access to another repository does: the same image, and the signature beside it.</summary>
    private static async Task<ImageReference> CopyWithSignatureAsync(SigningScenario scenario)
    {
        var prod = scenario.Repository with { Repository = scenario.Repository.Repository + "-prod" };
        await ImagePush.PushAsync(scenario.Client, OciLayout.Open(scenario.Layout.Path), null, prod.WithTag("v1"), cancellationToken: Ct);
        var signatures = await scenario.LayersAsync(CosignStore.SignatureTag(scenario.Repository, scenario.IndexDigest));
        await new CosignStore(scenario.Client).WriteAsync(CosignStore.SignatureTag(prod, scenario.IndexDigest), signatures, Ct);
        return prod;
    }
}
