using Slipway.Diagnostics;

namespace Slipway.Git;

internal static class GitErrors
{
    public static SlipwayException NotARepository(string path) =>
        SlipwayException.Input(ErrorCode.NotAGitRepository, $"{path} is not a git repository", "run slipway inside the repository to release, or pass -C DIR");

    public static SlipwayException UnbornHead(string path) =>
        SlipwayException.Input(ErrorCode.UnbornHead, $"{path}: the repository has no commits yet (HEAD is unborn)", "commit the code to release first");

    public static SlipwayException RemoteUnreachable(string remote, string reason) =>
        SlipwayException.Failure(ErrorCode.RemoteUnreachable, $"cannot list the tags of remote '{remote}': {reason}");

    public static SlipwayException Failed(string operation, string reason) =>
        SlipwayException.Failure(ErrorCode.GitOperationFailed, $"git {operation} failed: {reason}");
}
