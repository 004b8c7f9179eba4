namespace Slipway.Diagnostics;

/// <summary>
/// Stable error codes, banded by area: 1xxx configuration and usage, 2xxx git and versions,
/// 3xxx changelog, 4xxx registry, 5xxx signing, 6xxx packages, 7xxx notes and forges,
/// 8xxx pipeline and journal. Values are explicit so that adding one renumbers nothing.
/// </summary>
public enum ErrorCode
{
    // 1xxx configuration and usage
    InvalidUsage = 1001,
    ConfigNotFound = 1002,
    ConfigSyntax = 1003,
    ConfigUnknownKey = 1004,
    ConfigWrongType = 1005,
    ConfigMissingValue = 1006,
    ConfigInvalidValue = 1007,
    EnvironmentVariableMissing = 1008,
    ConfigAlreadyExists = 1009,
    InvalidTemplate = 1010,

    // 2xxx git and versions
    NotAGitRepository = 2001,
    UnbornHead = 2002,
    VersionFileMissing = 2003,
    VersionPatternInvalid = 2004,
    VersionNotFound = 2005,
    VersionAmbiguous = 2006,
    VersionNotSemVer = 2007,
    VersionMismatch = 2008,
    CommitNotOnReleaseBranch = 2009,
    ReleaseBranchMissing = 2010,
    RemoteUnreachable = 2011,
    WorkingTreeDirty = 2012,
    NoTagAtHead = 2013,
    GitOperationFailed = 2014,

    // 3xxx changelog
    ChangelogConfigNotFound = 3001,
    FragmentUnknownCategory = 3002,
    FragmentNameInvalid = 3003,
    FragmentCollision = 3004,
    FragmentsDirectoryMissing = 3005,
    FragmentNotUtf8 = 3006,
    NewsFilenameWithoutVersion = 3007,
    StartStringMissing = 3008,
    ReleaseAlreadyInNewsFile = 3009,
    JinjaTemplateUnsupported = 3010,
    ChangelogTemplateInvalid = 3011,
    IssuePatternMismatch = 3012,
    ChangelogVersionUnknown = 3013,
    FragmentMissing = 3014,
    ChangelogFormatInvalid = 3015,
    ChangelogDateInvalid = 3016,
    FragmentRemovalFailed = 3017,
    FragmentUnreadable = 3018,
}
