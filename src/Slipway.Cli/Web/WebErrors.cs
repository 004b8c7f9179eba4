using Slipway.Diagnostics;
using Slipway.Pipeline;

namespace Slipway.Cli.Web;

/// <summary>Every user-facing message of the approval page, its tokens and the run report, in one place.</summary>
internal static class WebErrors
{
    public static SlipwayException LifetimeInvalid(string given) =>
        SlipwayException.Input(ErrorCode.ApproverTokenLifetimeInvalid, $"--expires '{given}' is not a lifetime between 1 minute and 365 days", "write it as 30d, 12h or 90m");

    public static SlipwayException TokenUnknown(string nameOrId) =>
        SlipwayException.Input(ErrorCode.ApproverTokenUnknown, $"no live token of or with id '{nameOrId}' in the journal", "see 'slipway approver list'");

    public static SlipwayException StoreUnsupported() =>
        SlipwayException.Input(ErrorCode.ApproverStoreUnsupported, "this journal cannot hold approver tokens");

    public static SlipwayException ListenInsecure(string address) =>
        SlipwayException.Input(
            ErrorCode.ListenInsecure,
            $"--listen {address} is reachable from other machines, and without TLS tokens and session cookies would cross the network in clear",
            "pass --tls-cert FILE --tls-key FILE, or --insecure-http behind a TLS-terminating proxy");

    public static SlipwayException ListenInvalid(string given) =>
        SlipwayException.Input(ErrorCode.ListenInvalid, $"--listen '{given}' is not ADDRESS:PORT (for example 127.0.0.1:8080)");

    public static SlipwayException TlsUnreadable(string path, string reason) =>
        SlipwayException.Input(ErrorCode.TlsCertificateUnreadable, $"cannot read the TLS certificate {path}: {reason}", "give a PEM certificate with --tls-cert and its PEM key with --tls-key");

    public static SlipwayException TrustedProxyInvalid(string detail) =>
        SlipwayException.Input(ErrorCode.TrustedProxyInvalid, detail, "pass --trust-header NAME with one --trusted-proxy ADDRESS per proxy");

    public static SlipwayException BasePathInvalid(string given) =>
        SlipwayException.Input(ErrorCode.BasePathInvalid, $"--base-path '{given}' is not a path such as /slipway");

    public static SlipwayException AlreadyDecided(string runId, string kind, string? actor) => PipelineErrors.AlreadyDecided(runId, kind, actor);

    public static SlipwayException ReasonMissing() =>
        SlipwayException.Input(ErrorCode.RejectReasonMissing, "a rejection needs a reason, for the record");

    public static SlipwayException Stale(string runId) =>
        SlipwayException.Input(
            ErrorCode.DecisionStale,
            $"run {runId} changed since the page was shown (its digests differ from the ones approved)",
            "reload the page and check it again");

    public static SlipwayException ReportOutputInvalid(string path, string reason) =>
        SlipwayException.Input(ErrorCode.ReportOutputInvalid, $"cannot write the report to {path}: {reason}");

    public static SlipwayException SignInRequired() =>
        SlipwayException.Input(ErrorCode.SignInRequired, "sign in as an approver to decide a run", "sign in with a token from 'slipway approver token NAME'");

    public static SlipwayException CsrfInvalid() =>
        SlipwayException.Input(ErrorCode.CsrfTokenInvalid, "the form's CSRF token is missing or wrong; nothing was recorded", "reload the page and submit the form again");

    public static SlipwayException TokenInvalid() =>
        SlipwayException.Input(ErrorCode.ApproverTokenInvalid, "the token is unknown, revoked or expired", "ask for a new one: 'slipway approver token NAME'");

    public static SlipwayException Throttled() =>
        SlipwayException.Input(ErrorCode.SignInThrottled, $"too many failed sign-ins from this address; try again in {LoginThrottle.Window.TotalMinutes:0} minutes");
}
