using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Slipway.IntegrationTests.Oci;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Signing.Sigstore;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// A keyless signature made against the local Sigstore services, then one part of its stored bundle tampered with and put
/// back in the registry: <c>slipway verify</c> exits 1, the check that covers that part fails with its reason and every
/// other check still passes; @sigstore/verify rejects the same bundle.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class KeylessTamperingTests(AnonymousRegistry server, LocalSigstore sigstore) : IClassFixture<LocalSigstore>
{
    private const string Workflow = "https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main";
    private const string Marker = "(keyless bundle): ";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    private static readonly string[] AllChecks =
        ["certificate chain", "SCT", "tlog inclusion proof", "tlog SET", "tlog entry", "signing time", "timestamp", "signature", "statement", "identity"];

    // The tlog binds the envelope's signature, so a changed signature fails "tlog entry" as well (@sigstore/verify meets
    // the tlog body first). @sigstore/verify derives the root from the path and the checkpoint and never reads the
    // proof's rootHash field, so it accepts a changed one; Slipway requires the two to agree.
    [Theory]
    [InlineData("audit path", "tlog inclusion proof", "the audit path is longer than the tree", "TLOG_INCLUSION_PROOF_ERROR")]
    [InlineData("root hash", "tlog inclusion proof", "the audit path does not lead from the entry to the proof's root hash", "accepted")]
    [InlineData("checkpoint root", "tlog inclusion proof", "the checkpoint names another tree size or root hash than the proof", "TLOG_INCLUSION_PROOF_ERROR")]
    [InlineData("checkpoint signature", "tlog inclusion proof", "no checkpoint signature verifies with the log's key", "TLOG_INCLUSION_PROOF_ERROR")]
    [InlineData("SET", "tlog SET", "the signed entry timestamp does not verify with the log's key", "TLOG_INCLUSION_PROMISE_ERROR")]
    [InlineData("envelope signature", "signature,tlog entry,timestamp", "no envelope signature verifies with the certificate's key", "TLOG_BODY_ERROR")]
    public async Task A_tampered_log_proof_or_signature_fails_its_check_and_only_it(string part, string failing, string reason, string sigstoreCode)
    {
        using var scenario = await SignedAsync();
        var bundle = await BundleTampering.ReplaceAsync(scenario, scenario.IndexDigest, PredicateTypes.CosignSign, b => Tamper(b, part));

        var result = await VerifyAsync(scenario, sigstore.TrustedRoot);

        AssertFails(result, failing, reason);
        AssertSigstoreRejects(scenario, bundle, sigstore.TrustedRoot, scenario.IndexDigest, sigstoreCode, withoutTimestamps: part == "envelope signature");
    }

    [Fact]
    public async Task A_timestamp_of_another_signature_fails_the_timestamp_check()
    {
        using var other = await SignedAsync();
        var (otherBundle, _) = await BundleTampering.ReadAsync(other, other.IndexDigest, PredicateTypes.CosignSign);
        using var scenario = await SignedAsync();
        var bundle = await BundleTampering.ReplaceAsync(scenario, scenario.IndexDigest, PredicateTypes.CosignSign, b =>
            b["verificationMaterial"]!["timestampVerificationData"] = otherBundle["verificationMaterial"]!["timestampVerificationData"]!.DeepClone());

        var result = await VerifyAsync(scenario, sigstore.TrustedRoot);

        AssertFails(result, "timestamp", "the timestamp's message imprint is not the hash of the envelope signature");
        AssertSigstoreRejects(scenario, bundle, sigstore.TrustedRoot, scenario.IndexDigest, "TIMESTAMP_ERROR");
    }

    [Theory]
    [InlineData("signature", "the RFC 3161 timestamp is not a well-formed token whose signature verifies")]
    [InlineData("no authority", "the trusted root names no timestamp authority")]
    [InlineData("other authority", "the timestamp's signing certificate does not chain to a timestamp authority of the trusted root")]
    public async Task A_timestamp_that_no_trusted_authority_signed_fails_the_timestamp_check(string how, string reason)
    {
        using var scenario = await SignedAsync();
        var root = sigstore.TrustedRoot;
        if (how == "signature")
        {
            // A byte of r in the TSA's ECDSA CMS signature (over the signed attributes, the TSTInfo's hash among them).
            await BundleTampering.ReplaceAsync(scenario, scenario.IndexDigest, PredicateTypes.CosignSign, b =>
                BundleTampering.EditBase64(b["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]![0]!, "signedTimestamp", response =>
                {
                    var signature = CmsSignature(response);
                    var at = response.AsSpan().IndexOf(signature);
                    Assert.True(at > 0);
                    response[at + 8] ^= 1;
                }));
        }
        else
        {
            var json = JsonNode.Parse(File.ReadAllText(sigstore.TrustedRoot))!;
            using var ca = Authority("CN=another tsa");
            if (how == "no authority")
            {
                json.AsObject().Remove("timestampAuthorities");
            }
            else
            {
                json["timestampAuthorities"]![0]!["certChain"] = new JsonObject { ["certificates"] = new JsonArray(new JsonObject { ["rawBytes"] = Convert.ToBase64String(ca.RawData) }) };
            }

            root = scenario.Directory["tsa_root.json"];
            File.WriteAllText(root, json.ToJsonString());
        }

        var result = await VerifyAsync(scenario, root);

        AssertFails(result, "timestamp", reason);
    }

    [Fact]
    public async Task A_certificate_from_an_untrusted_CA_for_the_same_key_fails_the_chain()
    {
        using var scenario = await SignedAsync();
        using var ca = Authority("CN=untrusted fulcio");
        var bundle = await BundleTampering.ReplaceAsync(scenario, scenario.IndexDigest, PredicateTypes.CosignSign, b => ReplaceCertificate(b, leaf => Reissue(leaf, ca, leaf.PublicKey, e => e)));

        var result = await VerifyAsync(scenario, sigstore.TrustedRoot);

        // Without a trusted issuer no SCT can be checked, and Rekor's entry names the real certificate.
        AssertFails(result, "certificate chain,SCT,tlog entry", "the certificate does not chain to a Fulcio CA of the trusted root");
        AssertSigstoreRejects(scenario, bundle, sigstore.TrustedRoot, scenario.IndexDigest, "CERTIFICATE_ERROR");
    }

    [Fact]
    public async Task A_self_signed_certificate_naming_the_identity_with_a_resigned_envelope_fails_the_chain()
    {
        using var scenario = await SignedAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var bundle = await BundleTampering.ReplaceAsync(scenario, scenario.IndexDigest, PredicateTypes.CosignSign, b =>
        {
            ReplaceCertificate(b, leaf => SelfSigned(leaf, key));
            var envelope = b["dsseEnvelope"]!;
            var pae = Pae(envelope["payloadType"]!.GetValue<string>(), Convert.FromBase64String(envelope["payload"]!.GetValue<string>()));
            envelope["signatures"]![0]!["sig"] = Convert.ToBase64String(key.SignData(pae, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        });

        var result = await VerifyAsync(scenario, sigstore.TrustedRoot);

        // The envelope verifies with the attacker's key and the certificate names the right identity; what gives it away is
        // the chain, the missing SCT issuer, Rekor's entry (another certificate and signature) and the TSA's stamp (another signature).
        AssertFails(result, "certificate chain,SCT,tlog entry,timestamp", "the certificate does not chain to a Fulcio CA of the trusted root");
        Assert.Contains($"{Marker}signature: the envelope verifies", result.Out, StringComparison.Ordinal);
        AssertSigstoreRejects(scenario, bundle, sigstore.TrustedRoot, scenario.IndexDigest, "CERTIFICATE_ERROR", withoutTimestamps: true);
    }

    [Theory]
    [InlineData("dropped", "the certificate embeds no SCT")]
    [InlineData("flipped", "the SCT's signature does not verify with its CT log's key")]
    public async Task A_certificate_whose_SCT_is_missing_or_altered_fails_the_SCT_check(string how, string reason)
    {
        using var scenario = await SignedAsync();
        using var ca = Authority("CN=second fulcio");
        var root = RootTrusting(scenario, ca);
        var bundle = await BundleTampering.ReplaceAsync(scenario, scenario.IndexDigest, PredicateTypes.CosignSign, b => ReplaceCertificate(b, leaf => Reissue(leaf, ca, leaf.PublicKey, e =>
        {
            if (e.Oid!.Value != TransparencyProofs.SctListOid)
            {
                return e;
            }

            if (how == "dropped")
            {
                return null;
            }

            var raw = e.RawData.ToArray();
            raw[^1] ^= 1;
            return new X509Extension(e.Oid, raw, e.Critical);
        })));

        // The second CA is trusted, so the chain passes; Rekor's entry still names Fulcio's certificate.
        var result = await VerifyAsync(scenario, root);

        AssertFails(result, "SCT,tlog entry", reason);
        AssertSigstoreRejects(scenario, bundle, root, scenario.IndexDigest, null);
    }

    [Fact]
    public async Task A_genuine_bundle_moved_to_another_digest_fails_the_statement_check()
    {
        using var scenario = await SignedAsync();
        var (bundle, _) = await BundleTampering.ReadAsync(scenario, scenario.IndexDigest, PredicateTypes.CosignSign);
        var platform = scenario.Platforms[0].Digest;
        await BundleTampering.PushAsync(scenario, platform, bundle, PredicateTypes.CosignSign);

        var result = await VerifyAsync(scenario, sigstore.TrustedRoot, scenario.Repository.WithDigest(platform).ToString());

        AssertFails(result, "statement", $"do not name {platform}");
        AssertSigstoreRejects(scenario, bundle, sigstore.TrustedRoot, platform, "SUBJECT_ERROR");
    }

    [Fact]
    public async Task A_signature_bundle_annotated_as_provenance_fails_the_statement_check()
    {
        using var scenario = await SignedAsync();
        var (bundle, _) = await BundleTampering.ReadAsync(scenario, scenario.IndexDigest, PredicateTypes.CosignSign);
        await BundleTampering.PushAsync(scenario, scenario.IndexDigest, bundle, PredicateTypes.SlsaProvenanceV1);

        var result = await VerifyAsync(scenario, sigstore.TrustedRoot, scenario.Tagged.ToString(), "--attestation", "slsaprovenance");

        AssertFails(result, "statement", $"the statement's predicate type is {PredicateTypes.CosignSign}, not {PredicateTypes.SlsaProvenanceV1}");
        Assert.Equal(AllChecks.Length * 2, result.Out.Split('\n').Count(l => l.Contains(Marker, StringComparison.Ordinal)));
        AssertSigstoreRejects(scenario, bundle, sigstore.TrustedRoot, scenario.IndexDigest, "SUBJECT_ERROR", PredicateTypes.SlsaProvenanceV1);
    }

    private static void Tamper(JsonObject bundle, string part)
    {
        var tlog = BundleTampering.Tlog(bundle);
        var proof = tlog["inclusionProof"]!;
        switch (part)
        {
            // The local Rekor proves each entry in a tree of its own (an empty path): a sibling hash is added, and longer
            // paths are covered by the RFC 6962 vectors in the unit tests.
            case "audit path":
                proof["hashes"]!.AsArray().Add(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(part))));
                break;
            case "root hash":
                BundleTampering.EditBase64(proof, "rootHash", h => h[0] ^= 1);
                break;
            case "checkpoint root":
            case "checkpoint signature":
                var checkpoint = proof["checkpoint"]!;
                var lines = checkpoint["envelope"]!.GetValue<string>().Split('\n');
                var at = part == "checkpoint root" ? 2 : Array.FindIndex(lines, l => l.StartsWith('\u2014'));
                lines[at] = part == "checkpoint root"
                    ? Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(lines[at])))
                    : lines[at][..^4] + (lines[at][^4] == 'A' ? "B" : "A") + lines[at][^3..];
                checkpoint["envelope"] = string.Join('\n', lines);
                break;
            case "SET":
                BundleTampering.EditBase64(tlog["inclusionPromise"]!, "signedEntryTimestamp", s => s[^1] ^= 1);
                break;
            default:
                BundleTampering.EditBase64(bundle["dsseEnvelope"]!["signatures"]![0]!, "sig", s => s[^1] ^= 1);
                break;
        }
    }

    private static void AssertFails(CliResult result, string failing, string reason)
    {
        Assert.Equal(1, result.ExitCode);
        var lines = result.Out.Split('\n').Where(l => l.Contains(Marker, StringComparison.Ordinal)).ToList();
        var failed = lines.Where(l => l.TrimStart().StartsWith("FAIL", StringComparison.Ordinal)).Select(CheckName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(failing.Split(',').Order(StringComparer.Ordinal), failed);
        Assert.Equal(AllChecks.Order(StringComparer.Ordinal), lines.Select(CheckName).Distinct().Order(StringComparer.Ordinal));
        Assert.True(
            lines.Any(l => l.TrimStart().StartsWith("FAIL", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal)),
            $"no failing check says '{reason}':\n{result.Out}");
        Assert.Contains("SLW", result.Err, StringComparison.Ordinal);

        static string CheckName(string line)
        {
            var rest = line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..];
            return rest[..rest.IndexOf(": ", StringComparison.Ordinal)];
        }
    }

    /// <summary>
    /// @sigstore/verify checks the TSA's stamp before the signature and certificate; <paramref name="withoutTimestamps"/>
    /// drops it from its copy (the SET-verified integrated time still counts as a timestamp), so the tampered part is what it meets.
    /// </summary>
    private void AssertSigstoreRejects(
        SigningScenario scenario, JsonObject bundle, string root, Digest digest, string? code, string? predicateType = null, bool withoutTimestamps = false)
    {
        if (withoutTimestamps)
        {
            bundle = bundle.DeepClone().AsObject();
            bundle["verificationMaterial"]!["timestampVerificationData"] = new JsonObject();
        }

        var file = scenario.Directory["tampered-" + Guid.NewGuid().ToString("N")[..8] + ".json"];
        File.WriteAllText(file, bundle.ToJsonString());
        var answer = SigstoreVerifier.VerifyKeyless(file, root, digest, Workflow, sigstore.Issuer, predicateType);
        if (code == "accepted")
        {
            Assert.True(answer["ok"]!.GetValue<bool>(), answer.ToJsonString());
            return;
        }

        Assert.False(answer["ok"]!.GetValue<bool>(), answer.ToJsonString());
        if (code is not null)
        {
            Assert.Equal(code, answer["code"]!.GetValue<string>());
        }
    }

    private static void ReplaceCertificate(JsonObject bundle, Func<X509Certificate2, X509Certificate2> replace)
    {
        var certificate = bundle["verificationMaterial"]!["certificate"]!;
        using var leaf = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate["rawBytes"]!.GetValue<string>()));
        using var replaced = replace(leaf);
        certificate["rawBytes"] = Convert.ToBase64String(replaced.RawData);
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>The leaf's subject, validity and extensions (each through <paramref name="map"/>; null drops it) for <paramref name="key"/>, issued by <paramref name="ca"/>.</summary>
    private static X509Certificate2 Reissue(X509Certificate2 leaf, X509Certificate2 ca, PublicKey key, Func<X509Extension, X509Extension?> map)
    {
        var request = new CertificateRequest(leaf.SubjectName, key, HashAlgorithmName.SHA256);
        CopyExtensions(leaf, request, map);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return request.Create(ca, leaf.NotBefore, leaf.NotAfter, RandomNumberGenerator.GetBytes(16).Select((b, i) => i == 0 ? (byte)(b & 0x7f) : b).ToArray());
    }

    private static X509Certificate2 SelfSigned(X509Certificate2 leaf, ECDsa key)
    {
        var request = new CertificateRequest(leaf.SubjectName, key, HashAlgorithmName.SHA256);
        CopyExtensions(leaf, request, e => e);
        return request.CreateSelfSigned(leaf.NotBefore, leaf.NotAfter);
    }

    private static void CopyExtensions(X509Certificate2 leaf, CertificateRequest request, Func<X509Extension, X509Extension?> map)
    {
        foreach (var extension in leaf.Extensions.Where(e => e.Oid?.Value != AuthorityKeyIdentifierOid))
        {
            if (map(extension) is { } kept)
            {
                request.CertificateExtensions.Add(kept);
            }
        }
    }

    /// <summary>The local trusted root with <paramref name="ca"/> as a second Fulcio CA.</summary>
    private string RootTrusting(SigningScenario scenario, X509Certificate2 ca)
    {
        var root = JsonNode.Parse(File.ReadAllText(sigstore.TrustedRoot))!;
        var authorities = root["certificateAuthorities"]!.AsArray();
        var second = authorities[0]!.DeepClone();
        second["certChain"] = new JsonObject { ["certificates"] = new JsonArray(new JsonObject { ["rawBytes"] = Convert.ToBase64String(ca.RawData) }) };
        authorities.Add(second);
        var path = scenario.Directory["second_ca_root.json"];
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static byte[] CmsSignature(byte[] response)
    {
        var sequence = new AsnReader(response, AsnEncodingRules.DER).ReadSequence();
        sequence.ReadSequence();
        var cms = new SignedCms();
        cms.Decode(sequence.ReadEncodedValue().Span);
        return cms.SignerInfos[0].GetSignature();
    }

    private static byte[] Pae(string type, byte[] body) =>
        [.. Encoding.UTF8.GetBytes($"DSSEv1 {Encoding.UTF8.GetByteCount(type)} {type} {body.Length} "), .. body];

    private async Task<CliResult> VerifyAsync(SigningScenario scenario, string root, string? reference = null, params string[] more) =>
        await scenario.CliAsync(
            new Dictionary<string, string>(),
            ["verify", reference ?? scenario.Tagged.ToString(), "--trusted-root", root, "--certificate-identity", Workflow, "--certificate-oidc-issuer", sigstore.Issuer, .. more]);

    private async Task<SigningScenario> SignedAsync()
    {
        var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("VERSION", "1.0.0");
        scenario.Directory.Write("slipway.toml", $$"""
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '(?<version>.+)' }

            {{sigstore.SigningTable()}}
            """);
        var environment = new Dictionary<string, string> { ["SIGSTORE_ID_TOKEN"] = await sigstore.MintAsync() };
        Assert.Equal(0, (await scenario.CliAsync(environment, "sign", scenario.Tagged.ToString())).ExitCode);
        return scenario;
    }
}
