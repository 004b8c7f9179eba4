using System.Security.Cryptography;
using System.Text;
using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Signing.Sigstore;

namespace Slipway.Tests.Signing;

/// <summary>
/// The embedded public-good root (src/Slipway/Signing/Sigstore/PublicGood): what it holds, pinned so a refresh is a
/// reviewed change, and a real public-good attestation verified against it.
/// </summary>
public sealed class PublicGoodTrustedRootTests
{
    // When the sampleproject 4.0.0 wheel's attestation was logged (its Rekor integrated time, 2024-11-06T22:37:08Z).
    private static readonly DateTimeOffset Known = DateTimeOffset.FromUnixTimeSeconds(1730932628);

    private const string SampleprojectWheel = "sha256:c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b";
    private const string PypiPublish = "https://docs.pypi.org/attestations/publish/v1";
    private const string SampleprojectRelease = "https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/heads/main";
    private const string GitHubActions = "https://token.actions.githubusercontent.com";

    [Fact]
    public void The_bundled_root_holds_the_public_good_CAs_logs_and_TSA()
    {
        var root = TrustedRoot.PublicGood();

        Assert.Equal(2, root.CertificateAuthorities.Count);
        Assert.All(root.CertificateAuthorities, a => Assert.Equal("CN=sigstore, O=sigstore.dev", a.Chain[^1].Subject));
        Assert.Single(root.CertificateAuthorities, a => a.ValidAt(Known));
        Assert.Equal(2, root.TransparencyLogs.Count);
        Assert.Single(root.TransparencyLogs, l => l.ValidAt(Known));
        Assert.Equal(2, root.CtLogs.Count);
        Assert.Single(root.CtLogs, l => l.ValidAt(Known));
        var tsa = Assert.Single(root.TimestampAuthorities);
        Assert.False(tsa.ValidAt(Known), "the public-good TSA started on 2025-07-04");
        Assert.True(tsa.ValidAt(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains("sigstore-tsa-selfsigned", tsa.Chain[^1].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Rekor_log_IDs_are_the_SHA256_of_their_keys()
    {
        var root = TrustedRoot.PublicGood();

        // rekor.sigstore.dev's log ID as every public-good bundle names it.
        var rekor = TrustedRoot.Log(root.TransparencyLogs, Convert.FromBase64String("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0="));
        Assert.NotNull(rekor);
        Assert.Equal(SHA256.HashData(rekor.PublicKey), rekor.LogId);
        Assert.All(root.CtLogs, l => Assert.Equal(SHA256.HashData(l.PublicKey), l.LogId));
    }

    [Fact]
    public void A_real_public_good_attestation_verifies_with_the_bundled_root()
    {
        var checks = Verifier(IdentityPolicy.Create(SampleprojectRelease, null, GitHubActions, null, null, null, false))
            .Verify(Stored(), Digest.Parse(SampleprojectWheel), PypiPublish, "attestation");

        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.Equal(
            ["certificate chain", "SCT", "tlog inclusion proof", "tlog SET", "tlog entry", "signing time", "signature", "statement", "identity"],
            checks.Select(c => c.Name["attestation: ".Length..]));
    }

    [Fact]
    public void The_real_attestation_fails_for_another_repository_and_another_subject()
    {
        var policy = IdentityPolicy.Create(null, @"^https://github\.com/pypa/sampleproject/", GitHubActions, "pypa/other", null, null, false);

        var checks = Verifier(policy).Verify(Stored(), Digest.Parse("sha256:" + new string('0', 64)), PypiPublish, "attestation");

        Assert.Equal(["statement", "identity"], checks.Where(c => !c.Passed).Select(c => c.Name["attestation: ".Length..]));
    }

    [Fact]
    public void An_Ed25519_log_key_that_is_not_one_is_refused_with_its_path()
    {
        var json = Encoding.UTF8.GetString(File.ReadAllBytes(RootFile()))
            .Replace("MCowBQYDK2VwAyEAt8rlp1knGwjfbcXAYPYAkn0XiLz1x8O4t0YkEhie244=", "MCowBQYDK2VwAyEAt8rlp1knGwjfbcXAYPYAkn0XiLz1x8O4", StringComparison.Ordinal);

        var error = Assert.Throws<SlipwayException>(() => TrustedRoot.Parse(Encoding.UTF8.GetBytes(json), "root.json"));

        Assert.Equal(ErrorCode.TrustedRootInvalid, error.Code);
        Assert.Contains("tlogs[1].publicKey is not an Ed25519 public key", error.Message, StringComparison.Ordinal);
    }

    private static KeylessVerifier Verifier(IdentityPolicy policy) => new(TrustedRoot.PublicGood(), policy);

    private static StoredBundle Stored()
    {
        var json = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "sigstore-public-good", "sampleproject-4.0.0-py3-none-any.whl.publish.sigstore.json"));
        Assert.True(SigstoreBundle.TryParse(json, out var bundle, out var error), error);
        return new StoredBundle(Digest.Parse(SampleprojectWheel), PypiPublish, bundle, string.Empty);
    }

    private static string RootFile([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Slipway", "Signing", "Sigstore", "PublicGood", "trusted_root.json");
}
