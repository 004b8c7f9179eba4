using Slipway.Diagnostics;

namespace Slipway.Packages.PyPI;

/// <summary>Every user-facing PyPI message, in one place.</summary>
internal static class PyPIErrors
{
    public static SlipwayException Unsupported(string fileName) =>
        SlipwayException.Input(
            ErrorCode.PyPIDistributionUnsupported,
            $"{fileName}: not a wheel (.whl) or an sdist (.tar.gz); PyPI accepts only those");

    public static SlipwayException Invalid(string fileName, string reason) =>
        SlipwayException.Input(ErrorCode.PyPIDistributionInvalid, $"{fileName}: not a valid distribution: {reason}; nothing was uploaded");

    public static SlipwayException Metadata(string fileName, string member, string reason) =>
        SlipwayException.Input(ErrorCode.PyPIMetadataInvalid, $"{fileName}: {member} cannot be uploaded: {reason}; nothing was uploaded");

    public static SlipwayException LocalVersion(string fileName, string version) =>
        SlipwayException.Input(
            ErrorCode.PyPILocalVersion,
            $"{fileName}: version {version} has a PEP 440 local segment ('+…'), which PyPI refuses; nothing was uploaded",
            "build the release version without a local segment");

    public static SlipwayException FileChanged(string fileName, string expected, string actual) =>
        SlipwayException.Input(
            ErrorCode.PyPIFileChanged,
            $"{fileName}: sha256 {actual} differs from the build record's {expected}: the file changed after the build; nothing was uploaded");

    public static SlipwayException FileExists(string fileName, string detail) =>
        SlipwayException.Failure(
            ErrorCode.PyPIFileExists,
            $"{fileName}: the index already has a file of this name with different content ({detail}); a file name can never be reused",
            "publish a new version; PyPI never replaces a file");

    public static SlipwayException ReleaseTooOld(string name, string version, DateTimeOffset created, string detail) =>
        SlipwayException.Failure(
            ErrorCode.PyPIReleaseTooOld,
            $"{name} {version}: the release was created on {created:yyyy-MM-dd HH:mm}Z, more than 14 days ago, and PyPI refuses new files for it ({detail})",
            "the files already uploaded stay; publish the missing ones under a new version");

    public static SlipwayException ReleaseWindowClosed(string fileName, string detail) =>
        SlipwayException.Failure(
            ErrorCode.PyPIReleaseTooOld,
            $"{fileName}: {detail}",
            "the files already uploaded stay; publish the missing ones under a new version");

    public static SlipwayException Unauthorized(Uri url, string detail) =>
        SlipwayException.Failure(
            ErrorCode.PyPIUnauthorized,
            $"POST {url} returned 401: {detail}",
            "check the PyPI token (user __token__, password pypi-…) or the trusted publisher");

    public static SlipwayException Forbidden(Uri url, string detail) =>
        SlipwayException.Failure(
            ErrorCode.PyPIUploadForbidden,
            $"POST {url} returned 403: {detail}",
            "the token or trusted publisher is valid but may not upload to this project");

    public static SlipwayException Rejected(string fileName, Uri url, int status, string detail) =>
        SlipwayException.Failure(ErrorCode.PyPIUploadRejected, $"{fileName}: POST {url} returned {status}: {detail}");

    public static SlipwayException RedirectRefused(Uri url, string location) =>
        SlipwayException.Failure(
            ErrorCode.PyPIRedirectRefused,
            $"POST {url} answered with a redirect to {location}; an upload is never sent on to another address",
            "configure the upload URL itself (https://upload.pypi.org/legacy/)");

    public static SlipwayException UploadFailed(string fileName, Uri url, int attempts, string detail) =>
        SlipwayException.Failure(
            ErrorCode.PyPIUploadFailed,
            $"{fileName}: upload to {url} failed after {attempts} attempts: {detail}");

    public static SlipwayException AnswerInvalid(Uri url, string reason) =>
        SlipwayException.Failure(ErrorCode.PyPIAnswerInvalid, $"GET {url}: {reason}");

    public static SlipwayException VerifyTimedOut(string fileName, Uri url, TimeSpan budget, string last) =>
        SlipwayException.Failure(
            ErrorCode.PyPIVerifyTimedOut,
            $"{fileName}: {url} did not serve the file within {budget.TotalMinutes:0.#} minutes (last answer: {last})");
}
