using Slipway.Diagnostics;

namespace Slipway.Packages;

/// <summary>Every user-facing package message, in one place.</summary>
internal static class PackageErrors
{
    public static SlipwayException GlobEmpty(string package, string glob) =>
        SlipwayException.Input(
            ErrorCode.PackageGlobEmpty,
            $"[[package]] {package}: '{glob}' matches no file the build journaled",
            "list the package files in [build] artifacts and check the glob");

    public static SlipwayException NotBuilt(string package, string path) =>
        SlipwayException.Input(
            ErrorCode.PackageFileNotBuilt,
            $"[[package]] {package}: {path} is not in the build record; only files the build left as [build] artifacts are published",
            "add it (or its folder) to [build] artifacts so the build journals its hash");

    public static SlipwayException VersionMismatch(string file, string what, string found, string release) =>
        SlipwayException.Input(
            ErrorCode.PackageVersionMismatch,
            $"{file}: {what} declares version {found}, but this release is {release}");

    public static SlipwayException IdentityMismatch(string file, string reason) =>
        SlipwayException.Input(ErrorCode.PackageIdentityMismatch, $"{file}: {reason}");

    public static SlipwayException Unreadable(string file, string reason) =>
        SlipwayException.Input(ErrorCode.PackageUnreadable, $"{file}: {reason}");

    public static SlipwayException CredentialMissing(string package, string reason) =>
        SlipwayException.Input(
            ErrorCode.PackageCredentialMissing,
            $"[[package]] {package}: {reason}",
            "set token = \"env:NAME\" (and NAME), or trusted-publishing = true where the CI provides an OIDC identity");

    public static SlipwayException ContentDiffers(string registry, string identity, string detail) =>
        SlipwayException.Failure(
            ErrorCode.PackageContentDiffers,
            $"{registry} already holds {identity} with other content ({detail}); a published version is never overwritten",
            "release a new version");

    public static SlipwayException RegistryFailed(string method, Uri uri, int status, string? reason, string? detail) =>
        SlipwayException.Failure(
            ErrorCode.PackageRegistryFailed,
            $"{method} {Display(uri)} returned {status} {reason}{(string.IsNullOrWhiteSpace(detail) ? string.Empty : ": " + detail)}".TrimEnd());

    public static SlipwayException RegistryUnreachable(string method, Uri uri, string reason) =>
        SlipwayException.Failure(ErrorCode.PackageRegistryFailed, $"{method} {Display(uri)} failed: {reason}");

    public static SlipwayException FeedFailed(string feed, string reason) =>
        SlipwayException.Failure(ErrorCode.PackageRegistryFailed, $"{feed}: {reason}");

    public static SlipwayException NotServed(string identity, string registry, TimeSpan budget, string last) =>
        SlipwayException.Failure(
            ErrorCode.PackageNotServed,
            $"{registry} did not serve {identity} within {budget.TotalSeconds:0} s ({last})",
            "run 'slipway resume RUN' once the registry serves it");

    public static SlipwayException KindUnavailable(string kind) =>
        SlipwayException.Input(ErrorCode.PackageKindUnavailable, $"[[package]] kind '{kind}' is not available in this build of slipway");

    /// <summary>A URL as an error shows it: scheme, host, port and path, never its user info or query.</summary>
    public static string Display(Uri uri) => uri.GetLeftPart(UriPartial.Path);
}
