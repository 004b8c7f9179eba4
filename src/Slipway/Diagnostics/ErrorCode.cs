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

    // 8xxx pipeline and journal
    StepGraphMissingDependency = 8001,
    StepGraphCycle = 8002,
    RunAlreadyActive = 8003,
    RunNotFound = 8004,
    RunNotResumable = 8005,
    RunInputsChanged = 8006,
    NotAnApprover = 8007,
    RunNotAwaitingApproval = 8008,
    ApproverMissing = 8009,
    StepFailed = 8010,
    GateFailed = 8011,
    BuildFailed = 8012,
    ArtifactMissing = 8013,
    CompensationFailed = 8014,
    StateStoreInvalid = 8015,
    JournalSchemaTooNew = 8016,
    NothingToRollBack = 8017,
    ReleaseTagConflict = 8018,
    CommitMoved = 8019,
    RunCancelled = 8020,
    CodeownersMissing = 8021,
    StepGraphDuplicateStep = 8022,
    StateStoreUnreachable = 8023,
}
