using System.Text;
using Slipway.Signing;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>Each kind of tampering the issue lists must make <c>slipway verify</c> fail (exit 1) and name the failing check.</summary>
[Collection(Oci.AnonymousRegistryGroup.Name)]
public sealed class TamperingTests(AnonymousRegistry server) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_changed_payload_fails_verification()
    {
        using var scenario = await SignedAsync();
        var tag = CosignStore.SignatureTag(scenario.Repository, scenario.IndexDigest);
        var layer = Assert.Single(await scenario.LayersAsync(tag));
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(layer.Content).Replace("\"optional\":null", "\"optional\":{\"x\":\"y\"}", StringComparison.Ordinal));
        Assert.NotEqual(layer.Content, changed);
        await new CosignStore(scenario.Client).WriteAsync(tag, [layer with { Content = changed }], Ct);

        var result = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW5013", result.Err, StringComparison.Ordinal);
        Assert.Contains("no signature verifies", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_for_another_digest_fails_verification()
    {
        using var scenario = await SignedAsync();
        var platform = scenario.Platforms[0].Digest;
        var indexSignature = await scenario.LayersAsync(CosignStore.SignatureTag(scenario.Repository, scenario.IndexDigest));
        await new CosignStore(scenario.Client).WriteAsync(CosignStore.SignatureTag(scenario.Repository, platform), indexSignature, Ct);

        var result = await scenario.CliAsync("verify", scenario.Repository.WithDigest(platform).ToString(), "--key", "cosign.pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the signed payload names {scenario.IndexDigest}, not {platform}", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_for_another_digest_is_named_as_such_when_another_key_signed_too()
    {
        using var scenario = await SignedAsync();
        using var stranger = scenario.Signer(scenario.NewKeyPair("stranger") + ".key");
        await new ImageSigning(scenario.Client, stranger).SignAsync(scenario.Repository.WithDigest(scenario.IndexDigest), Ct);
        var platform = scenario.Platforms[0].Digest;
        var indexSignatures = await scenario.LayersAsync(CosignStore.SignatureTag(scenario.Repository, scenario.IndexDigest));
        Assert.Equal(2, indexSignatures.Count);
        await new CosignStore(scenario.Client).WriteAsync(CosignStore.SignatureTag(scenario.Repository, platform), indexSignatures, Ct);

        var result = await scenario.CliAsync("verify", scenario.Repository.WithDigest(platform).ToString(), "--key", "cosign.pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the signed payload names {scenario.IndexDigest}, not {platform}", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_whose_subject_differs_fails_verification()
    {
        using var scenario = await SignedAsync();
        using var signer = scenario.Signer();
        var other = scenario.Platforms[1].Digest;
        var statement = new InTotoStatement([new InTotoSubject(scenario.Repository.Name, other.Hex)], PredicateTypes.SlsaProvenanceV1, "{}"u8.ToArray()).ToJson();
        await WriteAttestationAsync(scenario, signer, statement, PredicateTypes.SlsaProvenanceV1);

        var result = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub", "--attestation", "slsaprovenance");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"do not name {scenario.IndexDigest}", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_whose_subject_differs_is_named_as_such_when_another_key_attested_too()
    {
        using var scenario = await SignedAsync();
        using var signer = scenario.Signer();
        using var stranger = scenario.Signer(scenario.NewKeyPair("stranger") + ".key");
        var other = scenario.Platforms[1].Digest;
        var wrongSubject = new InTotoStatement([new InTotoSubject(scenario.Repository.Name, other.Hex)], PredicateTypes.SlsaProvenanceV1, "{}"u8.ToArray()).ToJson();
        var rightSubject = new InTotoStatement([new InTotoSubject(scenario.Repository.Name, scenario.IndexDigest.Hex)], PredicateTypes.SlsaProvenanceV1, "{}"u8.ToArray()).ToJson();
        await WriteAttestationAsync(scenario, PredicateTypes.SlsaProvenanceV1, (signer, wrongSubject), (stranger, rightSubject));

        var result = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub", "--attestation", "slsaprovenance");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"do not name {scenario.IndexDigest}", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_fails_verification()
    {
        using var scenario = await SignedAsync();
        scenario.NewKeyPair("stranger");

        var result = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "stranger.pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no signature verifies with stranger.pub", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attestation_layer_with_the_wrong_predicate_annotation_fails_verification()
    {
        using var scenario = await SignedAsync();
        using var signer = scenario.Signer();
        var statement = new InTotoStatement([new InTotoSubject(scenario.Repository.Name, scenario.IndexDigest.Hex)], PredicateTypes.Spdx, "{}"u8.ToArray()).ToJson();
        await WriteAttestationAsync(scenario, signer, statement, PredicateTypes.SlsaProvenanceV1);

        var result = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub", "--attestation", "slsaprovenance");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("annotated https://slsa.dev/provenance/v1 but its statement's predicate type is https://spdx.dev/Document", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_attestation_payload_fails_verification()
    {
        using var scenario = await SignedAsync();
        using var signer = scenario.Signer();
        var image = scenario.Repository.WithDigest(scenario.IndexDigest);
        await new ImageSigning(scenario.Client, signer).AttestAsync(image, PredicateTypes.SlsaProvenanceV1, """{"v":1}"""u8.ToArray(), replace: false, Ct);
        var tag = CosignStore.AttestationTag(scenario.Repository, scenario.IndexDigest);
        var layer = Assert.Single(await scenario.LayersAsync(tag));
        Assert.True(DsseEnvelope.TryParse(layer.Content, out var envelope, out _));
        var forged = envelope! with { Payload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(envelope.Payload).Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal)) };
        await new CosignStore(scenario.Client).WriteAsync(tag, [layer with { Content = forged.ToJson() }], Ct);

        var result = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub", "--attestation", "slsaprovenance");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no envelope signature verifies", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_image_fails_verification()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);

        var result = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  signature", result.Out, StringComparison.Ordinal);
        Assert.Contains("no signatures at", result.Err, StringComparison.Ordinal);
    }

    public void Dispose() => server.AttachLogIfFailed();

    private async Task<SigningScenario> SignedAsync()
    {
        var scenario = await SigningScenario.CreateAsync(server.Registry);
        using var signer = scenario.Signer();
        await new ImageSigning(scenario.Client, signer).SignAsync(scenario.Repository.WithDigest(scenario.IndexDigest), Ct);
        return scenario;
    }

    private static Task WriteAttestationAsync(SigningScenario scenario, ISigner signer, byte[] statement, string annotation) =>
        WriteAttestationAsync(scenario, annotation, (signer, statement));

    private static async Task WriteAttestationAsync(SigningScenario scenario, string annotation, params (ISigner Signer, byte[] Statement)[] envelopes)
    {
        var layers = envelopes.Select(e => new CosignLayer(
            DsseEnvelope.MediaType,
            DsseEnvelope.Sign(InTotoStatement.PayloadType, e.Statement, e.Signer).ToJson(),
            new Dictionary<string, string> { [CosignLayer.SignatureAnnotation] = string.Empty, [CosignLayer.PredicateTypeAnnotation] = annotation })).ToList();
        await new CosignStore(scenario.Client).WriteAsync(CosignStore.AttestationTag(scenario.Repository, scenario.IndexDigest), layers, Ct);
    }
}
