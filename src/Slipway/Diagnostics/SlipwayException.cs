namespace Slipway.Diagnostics;

/// <summary>
/// An expected failure: bad input or an operation that failed for a reason the user can act on.
/// The CLI prints its code and message on one line (and the hint on a second) without a stack trace.
/// Anything else that escapes is a bug. The message and hint never carry a URL's user info (<see cref="UrlUserInfo"/>).
/// </summary>
public sealed class SlipwayException : Exception
{
    public SlipwayException(ErrorCode code, ErrorKind kind, string message, string? hint = null, Exception? inner = null)
        : base(UrlUserInfo.Strip(message), inner)
    {
        Code = code;
        Kind = kind;
        Hint = hint is null ? null : UrlUserInfo.Strip(hint);
    }

    public SlipwayException()
        : this(ErrorCode.InvalidUsage, ErrorKind.Input, "invalid usage")
    {
    }

    public SlipwayException(string message)
        : this(ErrorCode.InvalidUsage, ErrorKind.Input, message)
    {
    }

    public SlipwayException(string message, Exception innerException)
        : this(ErrorCode.InvalidUsage, ErrorKind.Input, message, null, innerException)
    {
    }

    public ErrorCode Code { get; }

    public ErrorKind Kind { get; }

    public string? Hint { get; }

    /// <summary>The code as printed: <c>SLW1004</c>.</summary>
    public string CodeText => FormatCode(Code);

    public int ExitCode => Kind switch
    {
        ErrorKind.Input => ExitCodes.InvalidInput,
        ErrorKind.NotReady => ExitCodes.NotReady,
        _ => ExitCodes.Failed,
    };

    public static string FormatCode(ErrorCode code) => $"SLW{(int)code:D4}";

    public static SlipwayException Input(ErrorCode code, string message, string? hint = null) =>
        new(code, ErrorKind.Input, message, hint);

    public static SlipwayException Failure(ErrorCode code, string message, string? hint = null, Exception? inner = null) =>
        new(code, ErrorKind.Failure, message, hint, inner);
}
