using Slipway.Diagnostics;

namespace Slipway.Signing.Provenance;

/// <summary>Every message about writing provenance and about provenance policies, in one place.</summary>
internal static class ProvenanceErrors
{
    public static SlipwayException VariableMissing(string name) =>
        SlipwayException.Input(
            ErrorCode.ProvenanceVariableMissing,
            $"GITHUB_ACTIONS is true but {name} is not set: the GitHub workflow build type is written from it",
            "run the build in a GitHub Actions job, which sets it, or unset GITHUB_ACTIONS outside one");

    public static SlipwayException WorkflowRefInvalid(string workflowRef, string repository) =>
        SlipwayException.Input(
            ErrorCode.ProvenanceVariableMissing,
            $"GITHUB_WORKFLOW_REF is '{workflowRef}', not {repository}/PATH@REF");

    public static SlipwayException PartsDisagree(string first, string other) =>
        SlipwayException.Failure(
            ErrorCode.ProvenanceSourceMismatch,
            $"the build's parts ran in different workflow runs ({first} and {other}): one provenance cannot name both");

    public static SlipwayException CommitMismatch(string built, string checkedOut) =>
        SlipwayException.Failure(
            ErrorCode.ProvenanceSourceMismatch,
            $"the release is built from {built} but the workflow run checked out GITHUB_SHA {checkedOut}: the provenance would name another commit",
            "release the commit the workflow was triggered for");

    public static SlipwayException PolicyValueInvalid(string option, string value, string expected) =>
        SlipwayException.Input(ErrorCode.ProvenancePolicyInvalid, $"{option} is '{value}', not {expected}");

    public static SlipwayException PolicyFileInvalid(string path, string reason) =>
        SlipwayException.Input(ErrorCode.ProvenancePolicyInvalid, $"{path}: not a verification policy: {reason}");
}
