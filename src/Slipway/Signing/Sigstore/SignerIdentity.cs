using System.Security.Cryptography.X509Certificates;

namespace Slipway.Signing.Sigstore;

/// <summary>
/// Who a keyless certificate says signed: its SAN (for GitHub Actions the workflow file that ran, the callee of a
/// reusable workflow), the OIDC issuer and, from a GitHub token, the repository the workflow ran for. The sign step
/// journals it so the release notes print a verify command for the identity that really signed.
/// </summary>
public sealed record SignerIdentity(string Identity, string Issuer, string? WorkflowRepository)
{
    public static SignerIdentity Read(byte[] certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate);
        var names = IdentityPolicy.SubjectAlternativeNames(leaf);
        var identity = names.Count > 0 ? names[0] : string.Empty;
        var issuer = IdentityPolicy.Extension(leaf, IdentityPolicy.IssuerOid, der: true) ?? IdentityPolicy.Extension(leaf, IdentityPolicy.IssuerV1Oid, der: false) ?? string.Empty;
        return new SignerIdentity(identity, issuer, IdentityPolicy.Extension(leaf, IdentityPolicy.WorkflowRepositoryOid, der: false));
    }
}
