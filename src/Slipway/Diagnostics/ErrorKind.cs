namespace Slipway.Diagnostics;

public enum ErrorKind
{
    /// <summary>Invalid usage or input: exit code 2, nothing was changed.</summary>
    Input,

    /// <summary>The operation failed (remote error, gate failed, verification failed): exit code 1.</summary>
    Failure,

    /// <summary>A step cannot run yet (dependencies not done, or another runner holds it): exit code 4, nothing was changed.</summary>
    NotReady,
}
