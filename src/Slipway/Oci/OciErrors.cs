using System.Net;
using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>Every user-facing registry and image message, in one place.</summary>
internal static class OciErrors
{
    public static SlipwayException InvalidReference(string text, string reason) =>
        SlipwayException.Input(
            ErrorCode.InvalidReference,
            $"invalid image reference '{text}': it {reason}",
            "write registry/repository[:tag][@sha256:digest], for example 127.0.0.1:5000/acme/demo:1.2.3");

    public static SlipwayException InvalidDigest(string text, string reason) =>
        SlipwayException.Input(ErrorCode.InvalidDigest, $"invalid digest '{text}': it {reason}", "write sha256:<64 lowercase hex digits>");

    public static SlipwayException InvalidTag(string tag) =>
        SlipwayException.Input(
            ErrorCode.InvalidTag,
            $"invalid tag '{tag}': a tag is 1 to 128 of letters, digits, '_', '.' and '-', and does not start with '.' or '-'");

    public static SlipwayException LayoutNotFound(string path) =>
        SlipwayException.Input(ErrorCode.LayoutNotFound, $"{path}: no OCI image layout (folder or tar) there");

    public static SlipwayException LayoutInvalid(string path, string reason) =>
        SlipwayException.Input(ErrorCode.LayoutInvalid, $"{path}: not a valid OCI image layout: {reason}");

    public static SlipwayException LayoutBlobMissing(string path, Digest digest, string referrer) =>
        SlipwayException.Input(ErrorCode.LayoutBlobMissing, $"{path}: blob {digest} (referenced by {referrer}) is missing from the layout");

    public static SlipwayException LayoutBlobCorrupt(string path, Digest digest, string actual) =>
        SlipwayException.Input(
            ErrorCode.LayoutBlobCorrupt,
            $"{path}: blob {digest} does not match its digest ({actual}); nothing was pushed");

    public static SlipwayException LayoutAmbiguous(string path, IEnumerable<string> names) =>
        SlipwayException.Input(
            ErrorCode.LayoutAmbiguous,
            $"{path}: index.json has several images; choose one with LAYOUT:NAME (names: {string.Join(", ", names)})");

    public static SlipwayException LayoutNameNotFound(string path, string name, IEnumerable<string> names) =>
        SlipwayException.Input(
            ErrorCode.LayoutNameNotFound,
            $"{path}: no image named '{name}' in index.json (names: {string.Join(", ", names.DefaultIfEmpty("none"))})");

    public static SlipwayException Http(
        HttpMethod method, Uri uri, HttpStatusCode status, string? registryCode, string? detail, ErrorCode code)
    {
        var what = registryCode ?? status.ToString();
        var text = $"{method} {Redact(uri)} returned {(int)status} {what}" + (string.IsNullOrWhiteSpace(detail) ? string.Empty : $": {detail}");
        var hint = code switch
        {
            ErrorCode.RegistryUnauthorized => "check the registry credentials ([[registry]] in slipway.toml, docker login, or --username/--password)",
            ErrorCode.RegistryForbidden => "the credentials are valid but lack permission for this repository or action",
            _ => null,
        };
        return SlipwayException.Failure(code, text, hint);
    }

    public static SlipwayException Unreachable(HttpMethod method, Uri uri, string reason, Exception inner) =>
        SlipwayException.Failure(ErrorCode.RegistryUnreachable, $"{method} {Redact(uri)} failed: {reason}", null, inner);

    public static SlipwayException DigestMismatch(string what, Digest expected, Digest actual) =>
        SlipwayException.Failure(
            ErrorCode.RegistryDigestMismatch,
            $"{what}: the registry returned content with digest {actual}, expected {expected}");

    public static SlipwayException TlsFailed(HttpMethod method, Uri uri, string host, Exception inner) =>
        SlipwayException.Failure(
            ErrorCode.InsecureRegistryRefused,
            $"{method} {Redact(uri)} failed: no TLS connection could be made ({inner.Message})",
            $"if {host} serves plain HTTP, allow it: [[registry]] host = \"{host}\" insecure = true in slipway.toml, or --insecure",
            inner);

    public static SlipwayException InvalidManifest(string what, string reason) =>
        SlipwayException.Failure(ErrorCode.ManifestInvalid, $"{what}: not a valid manifest: {reason}");

    public static SlipwayException ManifestNotFound(ImageReference reference) =>
        SlipwayException.Failure(ErrorCode.ManifestNotFound, $"{reference}: manifest not found");

    public static SlipwayException BlobNotFound(ImageReference repository, Digest digest) =>
        SlipwayException.Failure(ErrorCode.BlobNotFound, $"{repository.Name}: blob {digest} not found");

    public static SlipwayException TagNotFound(ImageReference reference) =>
        SlipwayException.Failure(ErrorCode.TagNotFound, $"{reference}: tag not found");

    public static SlipwayException CredentialHelper(string helper, string host, string reason) =>
        SlipwayException.Failure(ErrorCode.CredentialHelperFailed, $"docker-credential-{helper} get {host}: {reason}");

    public static SlipwayException DockerConfig(string path, string reason) =>
        SlipwayException.Input(ErrorCode.DockerConfigInvalid, $"{path}: {reason}");

    public static SlipwayException InsufficientScope(HttpMethod method, Uri uri, string scope) =>
        SlipwayException.Failure(
            ErrorCode.RegistryUnauthorized,
            $"{method} {Redact(uri)} returned 401 insufficient_scope: the token server did not grant {scope}",
            "the credentials lack permission for this repository or action");

    public static SlipwayException TokenFailed(Uri realm, string reason) =>
        SlipwayException.Failure(ErrorCode.RegistryUnauthorized, $"token request to {Redact(realm)} failed: {reason}");

    public static SlipwayException SourceTagMoved(ImageReference source, Digest expected, Digest? actual) =>
        SlipwayException.Failure(
            ErrorCode.SourceTagMoved,
            actual is null
                ? $"{source} does not exist; expected it to name {expected}; nothing was promoted"
                : $"{source} names {actual}, not the expected {expected} (possible tag tampering); nothing was promoted");

    public static SlipwayException InvalidPromotion(string reason) =>
        SlipwayException.Input(ErrorCode.InvalidPromotion, reason);

    public static SlipwayException UntagFailed(ImageReference reference, string reason) =>
        SlipwayException.Failure(ErrorCode.UntagFailed, $"{reference}: could not remove the tag: {reason}");

    public static SlipwayException SchemeDowngrade(HttpMethod method, Uri from, Uri to, string what) =>
        SlipwayException.Failure(
            ErrorCode.RegistrySchemeDowngrade,
            $"{method} {Redact(from)}: the registry's {what} points to plain HTTP ({Redact(to)}); refused, nothing was sent there");

    public static SlipwayException TokenRealmRefused(string registry, Uri realm, string reason) =>
        SlipwayException.Failure(
            ErrorCode.TokenRealmRefused,
            $"{registry} names the token realm {Redact(realm)}: {reason}; refused, no credentials were sent",
            $"if {registry} really uses plain HTTP, mark it insecure: [[registry]] host = \"{registry}\" insecure = true in slipway.toml, or --insecure");

    public static SlipwayException AnswerTooLarge(HttpMethod method, Uri uri, string what, long limit) =>
        SlipwayException.Failure(
            ErrorCode.RegistryAnswerTooLarge,
            $"{method} {Redact(uri)}: the {what} is larger than {limit} bytes; refused");

    public static SlipwayException TokenAnswerInvalid(Uri realm, string reason) =>
        SlipwayException.Failure(ErrorCode.TokenAnswerInvalid, $"token request to {Redact(realm)}: the answer is not a valid token answer: {reason}");

    public static SlipwayException TagPagination(ImageReference repository, string reason) =>
        SlipwayException.Failure(ErrorCode.TagPaginationRefused, $"{repository.Name}: listing the tags stopped: {reason}");

    public static SlipwayException ReferrersPagination(ImageReference repository, Digest subject, string reason) =>
        SlipwayException.Failure(ErrorCode.ReferrersPaginationRefused, $"{repository.Name}: listing the referrers of {subject} stopped: {reason}");

    public static SlipwayException RedirectRefused(HttpMethod method, Uri uri, string reason) =>
        SlipwayException.Failure(ErrorCode.RegistryRedirectRefused, $"{method} {Redact(uri)}: {reason}");

    public static SlipwayException AnswerInvalid(HttpMethod method, Uri uri, string what, string reason) =>
        SlipwayException.Failure(ErrorCode.RegistryAnswerInvalid, $"{method} {Redact(uri)}: the {what} is not valid: {reason}");

    /// <summary>Upload URLs carry session state, never credentials; query strings are cut so messages stay short.</summary>
    private static string Redact(Uri uri) => uri.IsAbsoluteUri ? uri.GetLeftPart(UriPartial.Path) : uri.ToString();
}
