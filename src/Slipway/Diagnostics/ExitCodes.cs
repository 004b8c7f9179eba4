namespace Slipway.Diagnostics;

public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;
    public const int AwaitingApproval = 3;
    public const int NotReady = 4;
}
