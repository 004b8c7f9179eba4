using Slipway.Diagnostics;

namespace Slipway.Signing;

/// <summary>Every user-facing message about keys, signatures, attestations, SBOMs and verification, in one place.</summary>
internal static class SigningErrors
{
    public static SlipwayException NotP256(string source, string actual) =>
        SlipwayException.Input(
            ErrorCode.KeyNotEcdsaP256,
            $"{source}: the key is {actual}, not ECDSA P-256",
            "generate one with 'slipway key generate --out PREFIX'");

    public static SlipwayException WrongPassword(string source, string variable) =>
        SlipwayException.Input(ErrorCode.KeyPasswordWrong, $"{source}: wrong password for the encrypted private key (from {variable})");

    public static SlipwayException PasswordMissing(string source, string variable) =>
        SlipwayException.Input(
            ErrorCode.KeyPasswordMissing,
            $"{source}: the private key is encrypted and {variable} is not set",
            $"set {variable} to the key's password");

    public static SlipwayException Unreadable(string source, string reason) =>
        SlipwayException.Input(ErrorCode.KeyUnreadable, $"{source}: not a usable key: {reason}");

    public static SlipwayException KeyNotFound(string path) =>
        SlipwayException.Input(ErrorCode.KeyNotFound, $"{path}: key file not found");

    public static SlipwayException KeyVariableMissing(string variable) =>
        SlipwayException.Input(ErrorCode.KeyNotFound, $"environment variable {variable}, named as the key, is not set");

    public static SlipwayException OutputExists(string path) =>
        SlipwayException.Input(ErrorCode.KeyOutputExists, $"{path} already exists", "choose another --out prefix or remove the old key pair");

    public static SlipwayException PredicateNotFound(string path) =>
        SlipwayException.Input(ErrorCode.PredicateNotFound, $"{path}: predicate file not found");

    public static SlipwayException PredicateNotJson(string path, string reason) =>
        SlipwayException.Input(ErrorCode.PredicateNotJson, $"{path}: the predicate is not JSON: {reason}");

    public static SlipwayException PredicateNotObject(string path) =>
        SlipwayException.Input(ErrorCode.PredicateNotJson, $"{path}: the predicate must be a JSON object");

    public static SlipwayException TypeInvalid(string type) =>
        SlipwayException.Input(
            ErrorCode.AttestationTypeInvalid,
            $"unknown attestation type '{type}'",
            "use slsaprovenance, spdxjson, cyclonedx, or an absolute URI such as https://example.com/predicate/v1");

    public static SlipwayException SbomUnrecognized(string source, string reason) =>
        SlipwayException.Input(ErrorCode.SbomUnrecognized, $"{source}: not an SPDX 2.3 or CycloneDX 1.5+ JSON SBOM: {reason}");

    public static SlipwayException SbomTypeMismatch(string source, SbomFormat format, string predicateType) =>
        SlipwayException.Input(
            ErrorCode.SbomUnrecognized,
            $"{source}: the predicate is {(format == SbomFormat.Spdx ? "an SPDX" : "a CycloneDX")} SBOM, but the type is {predicateType}");

    public static SlipwayException SbomBelowFloor(string source, int count, SbomFloor floor) =>
        SlipwayException.Failure(
            ErrorCode.SbomBelowFloor,
            $"{source}: the SBOM lists {count} package(s), below its floor of {floor.Minimum} ({floor.Reason}); a truncated SBOM is not signed",
            "check the SBOM command's output, or lower [sbom] min-packages if the image really is this small");

    public static SlipwayException SbomCommandFailed(string command, int exitCode, string error) =>
        SlipwayException.Failure(
            ErrorCode.SbomCommandFailed,
            $"SBOM command '{command}' exited {exitCode}{(error.Length == 0 ? string.Empty : ": " + error)}");

    public static SlipwayException SbomCommandMissing() =>
        SlipwayException.Input(ErrorCode.ConfigMissingValue, "no SBOM command: set [sbom] command in slipway.toml");

    public static SlipwayException VerificationFailed(string check) =>
        SlipwayException.Failure(ErrorCode.VerificationFailed, $"verification failed: {check}");

    public static SlipwayException StoreInvalid(string reference, string reason) =>
        SlipwayException.Failure(ErrorCode.SignatureStoreInvalid, $"{reference}: unexpected signature or attestation manifest: {reason}");

    public static SlipwayException FormatInvalid(string origin, string value) =>
        SlipwayException.Input(ErrorCode.SignatureFormatInvalid, $"{origin}: unknown signature format '{value}'", "use bundle, legacy or both");

    public static SlipwayException IdTokenMissing(string variable) =>
        SlipwayException.Input(
            ErrorCode.IdTokenMissing,
            $"keyless signing needs an OIDC ID token: neither GitHub Actions' token request ({Sigstore.IdTokenSource.UrlVariable}) nor {variable} is set",
            "in GitHub Actions grant the job 'id-token: write'; elsewhere set " + variable);

    public static SlipwayException IdTokenInvalid(string source, string reason) =>
        SlipwayException.Input(ErrorCode.IdTokenInvalid, $"{source}: the ID token cannot be used: {reason}");

    public static SlipwayException FulcioRefused(Uri url, int status, string message) =>
        SlipwayException.Input(ErrorCode.FulcioRefused, $"POST {url} returned {status}: Fulcio refused the signing certificate: \"{message}\"");

    public static SlipwayException FulcioUnreachable(Uri url, string reason) =>
        SlipwayException.Failure(ErrorCode.FulcioRefused, $"POST {url} failed: {reason}");

    public static SlipwayException TransparencyLogFailed(Uri url, string reason) =>
        SlipwayException.Failure(ErrorCode.TransparencyLogFailed, $"POST {url}: the transparency log did not record the signature: {reason}");

    public static SlipwayException TimestampFailed(Uri url, string reason) =>
        SlipwayException.Failure(ErrorCode.TimestampFailed, $"POST {url}: the timestamp authority did not timestamp the signature: {reason}");

    public static SlipwayException SigstoreAnswerInvalid(Uri url, string reason) =>
        SlipwayException.Failure(ErrorCode.SigstoreAnswerInvalid, $"{url}: unusable answer: {reason}");

    public static SlipwayException TrustedRootInvalid(string source, string reason) =>
        SlipwayException.Input(ErrorCode.TrustedRootInvalid, $"{source}: not a usable Sigstore trusted root: {reason}");

    public static SlipwayException IdentityPolicyInvalid(string reason, string? hint = null) =>
        SlipwayException.Input(ErrorCode.IdentityPolicyInvalid, reason, hint);
}
