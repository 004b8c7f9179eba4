namespace Slipway.Signing.Sigstore;

/// <summary>
/// Where keyless signing goes: Fulcio for the certificate, Rekor for the log entry, and optionally an RFC 3161 TSA.
/// <see cref="IdTokenVariable"/> names the variable read when GitHub Actions' token request is not available.
/// </summary>
public sealed record SigstoreServices(Uri Fulcio, Uri Rekor, Uri? Timestamp, string IdTokenVariable = SigstoreServices.DefaultIdTokenVariable)
{
    public const string DefaultIdTokenVariable = "SIGSTORE_ID_TOKEN";

    public static readonly Uri PublicFulcio = new("https://fulcio.sigstore.dev");

    public static readonly Uri PublicRekor = new("https://rekor.sigstore.dev");

    public static SigstoreServices PublicGood { get; } = new(PublicFulcio, PublicRekor, null);
}
