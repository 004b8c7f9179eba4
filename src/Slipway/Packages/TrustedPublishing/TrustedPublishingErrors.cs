using Slipway.Diagnostics;

namespace Slipway.Packages.TrustedPublishing;

/// <summary>Every user-facing trusted-publishing message, in one place.</summary>
internal static class TrustedPublishingErrors
{
    public static SlipwayException Unavailable(string registry) =>
        SlipwayException.Input(
            ErrorCode.TrustedPublishingUnavailable,
            $"trusted publishing to {registry} needs a GitHub Actions OIDC token, and ACTIONS_ID_TOKEN_REQUEST_URL / ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set",
            "give the publishing job 'permissions: id-token: write' (pull requests from forks get no token), or configure token = \"env:…\"");

    public static SlipwayException IdTokenFailed(string detail) =>
        SlipwayException.Failure(ErrorCode.IdTokenRequestFailed, $"the GitHub Actions OIDC token request failed: {detail}");

    public static SlipwayException NotEnabled(string registry, string detail) =>
        SlipwayException.Failure(
            ErrorCode.TrustedPublishingNotEnabled,
            $"{registry} does not offer trusted publishing ({detail})",
            "configure a token (token = \"env:…\") for this index");

    public static SlipwayException ExchangeFailed(string registry, string code, string detail, string configure) =>
        SlipwayException.Failure(
            ErrorCode.TrustedPublishingExchangeFailed,
            $"{registry} refused the OIDC token exchange: {code}: {detail}",
            configure);

    public static SlipwayException AnswerInvalid(string what, string reason) =>
        SlipwayException.Failure(ErrorCode.TrustedPublishingAnswerInvalid, $"{what}: {reason}");
}
