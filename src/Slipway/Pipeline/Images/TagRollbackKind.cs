namespace Slipway.Pipeline.Images;

public enum TagRollbackKind
{
    Restored,
    Removed,
    LeftAlone,
    AlreadyGone,
}
