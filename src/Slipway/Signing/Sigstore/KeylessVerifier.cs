using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Slipway.Oci;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// Checks a keyless bundle against a trusted root and an identity policy, each step its own check: the leaf chains to a
/// Fulcio CA valid at the signing time, an embedded SCT verifies with a CT log key, the Rekor entry's inclusion proof
/// (to a signed checkpoint) and SET verify with the log's key and the entry is this envelope's, the signing time (the
/// integrated time the SET vouches for) is within the certificate's validity, an RFC 3161 timestamp when the bundle has one
/// (<see cref="SignedTimestamp"/>), the envelope verifies with the leaf's
/// key, the statement names the digest and predicate type, and the certificate satisfies the identity policy.
/// </summary>
public sealed class KeylessVerifier(TrustedRoot root, IdentityPolicy policy)
{
    private const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";

    public IdentityPolicy Policy => policy;

    public IReadOnlyList<VerificationCheck> Verify(StoredBundle stored, Digest digest, string predicateType, string name)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(digest);
        var checks = new List<VerificationCheck>();
        void Add(string what, string? failure, string passed) =>
            checks.Add(new VerificationCheck($"{name}: {what}", failure is null, failure ?? passed));

        if (stored.Bundle is not { } bundle)
        {
            Add("bundle", stored.Error, string.Empty);
            return checks;
        }

        if (bundle.Certificate is null || bundle.Tlog is not { } tlog)
        {
            Add("bundle", $"bundle {stored.Manifest} is not keyless (no certificate or no tlog entry)", string.Empty);
            return checks;
        }

        X509Certificate2 leaf;
        try
        {
            leaf = X509CertificateLoader.LoadCertificate(bundle.Certificate);
        }
        catch (CryptographicException e)
        {
            Add("certificate", $"bundle {stored.Manifest}: the certificate does not decode: {e.Message}", string.Empty);
            return checks;
        }

        using (leaf)
        {
            var signingTime = DateTimeOffset.FromUnixTimeSeconds(tlog.IntegratedTime);
            var issuer = Chain(leaf, signingTime, out var chainFailure);
            Add("certificate chain", chainFailure, $"chains to the Fulcio CA {issuer?.Subject} at {signingTime:u}");
            Add("SCT", issuer is null ? "no issuer to check the SCT against" : TransparencyProofs.CheckSct(leaf, issuer, root, signingTime), "verifies with a trusted CT log key");
            var log = TrustedRoot.Log(root.TransparencyLogs, tlog.LogId);
            var logFailure = log is null ? "the entry's log is not a transparency log of the trusted root"
                : !log.ValidAt(signingTime) ? "the log's key was not valid at the integrated time" : null;
            Add("tlog inclusion proof", logFailure ?? TransparencyProofs.CheckInclusion(tlog, log!), $"entry {tlog.LogIndex} is in the checkpoint's tree of {tlog.Proof.TreeSize}");
            Add("tlog SET", logFailure ?? TransparencyProofs.CheckSignedEntryTimestamp(tlog, log!), "verifies with the Rekor key");
            Add("tlog entry", EntryMismatch(tlog, bundle.Envelope, leaf), "records this envelope and certificate");
            var validity = signingTime < leaf.NotBefore.ToUniversalTime() || signingTime > leaf.NotAfter.ToUniversalTime()
                ? $"the integrated time {signingTime:u} is outside the certificate's validity ({leaf.NotBefore.ToUniversalTime():u} to {leaf.NotAfter.ToUniversalTime():u})"
                : null;
            Add("signing time", validity, $"{signingTime:u}, within the certificate's validity");
            if (bundle.Timestamp is { } stamp)
            {
                var signature = bundle.Envelope.Signatures.Count > 0 ? bundle.Envelope.Signatures[0].Signature : [];
                var stampFailure = SignedTimestamp.Check(stamp, signature, leaf, root, out var stamped);
                Add("timestamp", stampFailure, $"{stamped:u} by a timestamp authority of the trusted root, over the envelope signature");
            }

            Add("signature", SignatureFailure(leaf, bundle.Envelope), "the envelope verifies with the certificate's key");
            Add("statement", StatementFailure(bundle.Envelope, digest, predicateType), $"{predicateType} about {digest}");
            Add("identity", policy.Check(leaf), policy.Describe());
            if (checks.All(c => c.Passed))
            {
                checks[^1] = checks[^1] with { Payload = bundle.Envelope.Payload };
            }
        }

        return checks;
    }

    private X509Certificate2? Chain(X509Certificate2 leaf, DateTimeOffset signingTime, out string? failure)
    {
        failure = "the certificate does not chain to a Fulcio CA of the trusted root";
        foreach (var authority in root.CertificateAuthorities.Where(a => a.ValidAt(signingTime)))
        {
            using var chain = authority.BuildChain(leaf, signingTime, CodeSigningOid, out var built);
            if (built && chain.ChainElements.Count > 1)
            {
                failure = null;
                return chain.ChainElements[1].Certificate;
            }

            failure = "the certificate does not chain to a Fulcio CA of the trusted root: "
                + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal));
        }

        return null;
    }

    private static string? SignatureFailure(X509Certificate2 leaf, DsseEnvelope envelope)
    {
        using var key = leaf.GetECDsaPublicKey();
        if (key is null)
        {
            return "the certificate's key is not ECDSA";
        }

        var pae = envelope.PreAuthenticationEncoding();
        return envelope.Signatures.Any(s => Verifies(key, pae, s.Signature)) ? null : "no envelope signature verifies with the certificate's key";
    }

    private static bool Verifies(ECDsa key, byte[] data, byte[] signature)
    {
        try
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Rekor's canonical dsse body must be this envelope's: its payload hash, its signature, this certificate.</summary>
    private static string? EntryMismatch(TlogEntry tlog, DsseEnvelope envelope, X509Certificate2 leaf)
    {
        try
        {
            using var body = JsonDocument.Parse(tlog.CanonicalizedBody);
            var spec = body.RootElement.GetProperty("spec");
            if (body.RootElement.GetProperty("kind").GetString() != "dsse")
            {
                return "the tlog entry is not a dsse entry";
            }

            if (spec.GetProperty("payloadHash").GetProperty("value").GetString() != Convert.ToHexStringLower(SHA256.HashData(envelope.Payload)))
            {
                return "the tlog entry records another payload";
            }

            var signatures = spec.GetProperty("signatures").EnumerateArray().ToList();
            var certificate = Convert.ToBase64String(leaf.RawData);
            return envelope.Signatures.Any(s => signatures.Any(r =>
                    r.GetProperty("signature").GetString() == Convert.ToBase64String(s.Signature)
                    && Der(r.GetProperty("verifier").GetString()) == certificate))
                ? null
                : "the tlog entry records another signature or certificate";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or CryptographicException or ArgumentException)
        {
            return $"the tlog entry's body is unreadable: {e.Message}";
        }

        // The verifier is a base64 PEM; compare the certificates, not their PEM line breaks.
        static string? Der(string? verifier)
        {
            if (verifier is null)
            {
                return null;
            }

            var pem = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(verifier));
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return Convert.ToBase64String(certificate.RawData);
        }
    }

    private static string? StatementFailure(DsseEnvelope envelope, Digest digest, string predicateType)
    {
        if (envelope.PayloadType != InTotoStatement.PayloadType)
        {
            return $"the envelope's payload type is '{envelope.PayloadType}'";
        }

        if (!InTotoStatement.TryParse(envelope.Payload, out var statement, out var error))
        {
            return error;
        }

        if (statement!.PredicateType != predicateType)
        {
            return $"the statement's predicate type is {statement.PredicateType}, not {predicateType}";
        }

        return statement.Subjects.Any(s => string.Equals(s.Sha256, digest.Hex, StringComparison.Ordinal))
            ? null
            : $"the statement's subjects ({string.Join(", ", statement.Subjects.Select(s => "sha256:" + s.Sha256))}) do not name {digest}";
    }
}
