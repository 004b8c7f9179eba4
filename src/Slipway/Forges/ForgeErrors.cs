using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Forges.GitHub;

namespace Slipway.Forges;

/// <summary>Every user-facing message of the forges, in one place.</summary>
internal static class ForgeErrors
{
    public static SlipwayException TagElsewhere(string tag, string at, string expected) =>
        SlipwayException.Failure(
            ErrorCode.ReleaseTagConflict,
            $"tag {tag} already names {at[..7]} here, not the built commit {expected[..7]}",
            "a release tag never moves: delete the stray local tag or bump the version");

    public static SlipwayException RepositoryNotInRemote(SourceLocation? at, string remote, string url) =>
        SlipwayException.Input(
            ErrorCode.ForgeRepositoryInvalid,
            $"{Where(at)}[forge] repository is not set and remote '{remote}' ({url}) names no GitHub owner/name",
            "set [forge] repository = \"owner/name\"");

    public static SlipwayException RepositoryInvalid(SourceLocation at, string text) =>
        SlipwayException.Input(ErrorCode.ForgeRepositoryInvalid, $"{at}: 'forge.repository' is '{text}', not owner/name", "write it as repository = \"owner/name\"");

    public static SlipwayException TokenMissing(SourceLocation? at, string key, string variable) =>
        SlipwayException.Input(
            ErrorCode.ForgeTokenMissing,
            $"{Where(at)}[forge] {key} reads environment variable {variable}, which is not set; nothing was changed",
            key == "token"
                ? $"export {variable} (in GitHub Actions: env: {variable}: ${{{{ secrets.GITHUB_TOKEN }}}}, with permissions: contents: write)"
                : $"export {variable}: a GitHub App installation token or a PAT with contents: write and pull-requests: write (not GITHUB_TOKEN: its pull requests get no CI)");

    public static SlipwayException Unauthorized(HttpMethod method, Uri url, int status, string message) =>
        SlipwayException.Failure(
            ErrorCode.GitHubUnauthorized,
            $"{method} {url} returned {status}: {message}",
            "the [forge] token is missing, expired or lacks the permission (contents: write for releases, pull-requests and issues: write for PRs and issues)");

    public static SlipwayException RequestFailed(HttpMethod method, Uri url, int status, string message) =>
        SlipwayException.Failure(ErrorCode.GitHubRequestFailed, $"{method} {url} returned {status}: {message}");

    public static SlipwayException Unreachable(HttpMethod method, Uri url, string reason) =>
        SlipwayException.Failure(ErrorCode.GitHubRequestFailed, $"{method} {url} failed: {reason}");

    public static SlipwayException RateLimited(HttpMethod method, Uri url, TimeSpan wait, TimeSpan limit) =>
        SlipwayException.Failure(
            ErrorCode.GitHubRateLimited,
            $"{method} {url} is rate limited for {wait.TotalSeconds:0}s, longer than Slipway waits ({limit.TotalSeconds:0}s)",
            "run again later, or 'slipway resume RUN' once the limit resets");

    public static SlipwayException AnswerInvalid(HttpMethod method, Uri url, string reason) =>
        SlipwayException.Failure(ErrorCode.GitHubAnswerInvalid, $"{method} {url} answered what is not the expected JSON: {reason}");

    public static SlipwayException AnswerTooLarge(HttpMethod method, Uri url, int limit) =>
        SlipwayException.Failure(ErrorCode.GitHubAnswerTooLarge, $"{method} {url} answered more than {limit} bytes; refused");

    public static SlipwayException ForeignHost(Uri url, Uri api) =>
        SlipwayException.Failure(
            ErrorCode.GitHubAnswerInvalid,
            $"GitHub pointed at {url.GetLeftPart(UriPartial.Authority)}, which is neither the API ({api.GetLeftPart(UriPartial.Authority)}) nor its upload host; the token is not sent there");

    public static SlipwayException TooManyPages(Uri url, int pages) =>
        SlipwayException.Failure(ErrorCode.GitHubAnswerInvalid, $"GET {url} has more than {pages} pages; refused rather than read without end");

    public static SlipwayException AssetConflict(string tag, string name, string? theirs, string ours) =>
        SlipwayException.Failure(
            ErrorCode.ReleaseAssetConflict,
            $"release {tag} already has asset '{name}' with digest {theirs ?? "(none)"}, not {ours}",
            "an asset is never replaced: delete it from the draft by hand if it is stale, then resume");

    public static SlipwayException Immutable(string tag, string what) =>
        SlipwayException.Failure(
            ErrorCode.ReleaseImmutable,
            $"release {tag} is immutable; {what} would be refused (422), so nothing was sent",
            "an immutable release cannot change: bump the version");

    public static SlipwayException DraftIncomplete(string tag, IEnumerable<string> missing) =>
        SlipwayException.Failure(
            ErrorCode.ReleaseDraftIncomplete,
            $"draft release {tag} lacks {string.Join(", ", missing)}; it is not published with an asset missing",
            "run the draft-release step again ('slipway resume RUN')");

    public static SlipwayException DraftAmbiguous(string tag, IEnumerable<long> ids) =>
        SlipwayException.Failure(
            ErrorCode.ReleaseDraftAmbiguous,
            $"GitHub holds several draft releases for {tag} (ids {string.Join(", ", ids)}); Slipway will not guess which one to publish",
            "delete the stray drafts on the releases page, then resume");

    public static SlipwayException AssetNameInvalid(string name) =>
        SlipwayException.Input(ErrorCode.ReleaseAssetNameInvalid, $"release asset name '{name}' is empty, has a path separator or is used twice");

    public static SlipwayException BumpNeedsPullRequests(string kind) =>
        SlipwayException.Input(
            ErrorCode.BumpPullRequestUnsupported,
            $"bump --pr opens a GitHub pull request, and [forge] kind is '{kind}'; nothing was pushed",
            "set [forge] kind = \"github\", or bump without --pr (--commit commits on the current branch)");

    public static SlipwayException BumpOfABump(string version) =>
        SlipwayException.Input(
            ErrorCode.BumpOfABump,
            $"HEAD is itself a bump commit (Slipway-Bump: {version}); nothing was pushed",
            "merge or drop that bump first: a bump of a bump would skip a version");

    public static SlipwayException BumpBaseInvalid(string? branch) =>
        SlipwayException.Input(
            ErrorCode.BumpBaseInvalid,
            branch is null
                ? "bump --pr proposes the bump into the current branch, and HEAD is detached; nothing was pushed"
                : $"bump --pr cannot propose {branch} into itself; nothing was pushed",
            "check out the branch the bump is for (for example main)");

    public static SlipwayException ImageAssetMissing(string source, string reason) =>
        SlipwayException.Failure(
            ErrorCode.ReleaseImageAssetMissing,
            $"{source}: cannot read the release asset the run attached there: {reason}; nothing was uploaded",
            "the signature, SBOM and provenance of every signed image are attached to the release: sign and attest again ('slipway resume RUN' after a rollback)");

    public static SlipwayException ImageAssetChanged(string name, string planned, string actual) =>
        SlipwayException.Failure(
            ErrorCode.ReleaseImageAssetChanged,
            $"release asset '{name}' read from the registry now has SHA-256 {actual}, not the {planned} an earlier attempt of this run chose; nothing was uploaded");

    public static SlipwayException TokenRejected(Uri url, string message) =>
        SlipwayException.Input(
            ErrorCode.ForgeTokenRejected,
            $"GitHub refused the [forge] token (GET {url} returned 401: {message}); nothing was changed",
            "the token is wrong or expired: set a valid one");

    public static SlipwayException TokenCannotSee(string repository, Uri url) =>
        SlipwayException.Input(
            ErrorCode.ForgeTokenInsufficient,
            $"the [forge] token cannot see repository {repository} (GET {url} returned 404); nothing was changed",
            "check [forge] repository, and that the token has access to it");

    public static SlipwayException TokenScopes(string repository, IReadOnlyList<string> scopes, bool isPrivate) =>
        SlipwayException.Input(
            ErrorCode.ForgeTokenInsufficient,
            $"the [forge] token's scopes ({(scopes.Count == 0 ? "none" : string.Join(", ", scopes))}) do not include {(isPrivate ? "repo" : "repo or public_repo")}, which releasing to {repository} needs; nothing was changed",
            isPrivate ? "give the classic token the repo scope" : "give the classic token the public_repo (or repo) scope");

    public static SlipwayException TokenCannotPush(string repository) =>
        SlipwayException.Input(
            ErrorCode.ForgeTokenInsufficient,
            $"the [forge] token's user has no push permission on {repository}, which releasing needs; nothing was changed",
            "use a token of a user with write access (or a fine-grained token with contents: write)");

    private static string Where(SourceLocation? at) => at is { } location ? $"{location}: " : string.Empty;

    public static SlipwayException ApproverNotReviewer(string name, string environment, long runId, string reviewer) =>
        SlipwayException.Input(
            ErrorCode.ActionsApproverMismatch,
            $"'{name}' did not approve: GitHub recorded {reviewer} approving environment '{environment}' in workflow run {runId}; nothing was journaled",
            $"approve as the reviewer GitHub recorded (--as {reviewer})");

    public static SlipwayException ApproverNotActor(string name, string actor, long runId) =>
        SlipwayException.Input(
            ErrorCode.ActionsApproverMismatch,
            $"'{name}' is not who runs workflow run {runId} (GITHUB_ACTOR is {actor}); nothing was journaled",
            "in GitHub Actions an approval is given by the account that started the job, or through [ci.github] approval-environment");

    public static SlipwayException NoEnvironmentApproval(string environment, long runId) =>
        SlipwayException.Input(
            ErrorCode.ActionsApprovalMissing,
            $"workflow run {runId} has no approved review of environment '{environment}'; nothing was journaled",
            "the approval job must name the environment ([ci.github] approval-environment) whose reviewers approve it");

    public static SlipwayException ActionsVariableInvalid(string variable, string? value) =>
        SlipwayException.Input(
            ErrorCode.ActionsRunUnknown,
            value is null or "" ? $"GITHUB_ACTIONS is true but {variable} is not set: who approves cannot be checked" : $"{variable} is '{value}', not what GitHub Actions sets: who approves cannot be checked",
            "approve in a GitHub Actions job, which sets it, or unset GITHUB_ACTIONS outside one");

    public static SlipwayException ActionsRepositoryElsewhere(string workflowRepository, GitHubRepository forgeRepository) =>
        SlipwayException.Input(
            ErrorCode.ActionsRunUnknown,
            $"this workflow runs in {workflowRepository}, but [forge] repository is {forgeRepository}: its approvals cannot be read from there",
            "run the release workflow in the repository the release is made in");
}
