using Slipway.Diagnostics;

namespace Slipway.Ci;

/// <summary>Every user-facing message of <c>slipway ci</c>, in one place.</summary>
public static class CiErrors
{
    public static SlipwayException JournalNotShared(string kind) =>
        SlipwayException.Input(
            ErrorCode.CiJournalNotShared,
            $"[state] store is {kind}: the jobs of a workflow run on different machines, and a {kind} journal on one runner's disk cannot be shared between them",
            "write [state] store = \"postgres:Host=...;Database=...\" with password = \"env:NAME\", and store NAME as a repository secret");

    public static SlipwayException NotExpressible(string what, string hint) =>
        SlipwayException.Input(ErrorCode.CiNotExpressible, $"the workflow cannot express this configuration: {what}", hint);

    public static SlipwayException Differs(string path) =>
        SlipwayException.Failure(ErrorCode.CiWorkflowDiffers, $"{path} differs from what the configuration generates", "run 'slipway ci github' and commit the file");

    public static SlipwayException Missing(string path) =>
        SlipwayException.Failure(ErrorCode.CiWorkflowMissing, $"{path} does not exist", "run 'slipway ci github' and commit the file");

    public static SlipwayException ActionNotPinned() =>
        SlipwayException.Input(
            ErrorCode.CiActionNotPinned,
            "this slipway build does not know the commit it was built from, so the workflow cannot pin the Slipway action to it",
            "set [ci.github] action = \"OWNER/REPO@SHA\" (the full 40-hex commit) or action = \"./PATH\"");

    public static SlipwayException OutputInvalid(string path, string reason) =>
        SlipwayException.Input(ErrorCode.CiOutputInvalid, $"{path}: {reason}");
}
