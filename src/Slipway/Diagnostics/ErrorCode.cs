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

    // 4xxx registry and images
    InvalidReference = 4001,
    InvalidDigest = 4002,
    InvalidTag = 4003,
    LayoutNotFound = 4004,
    LayoutInvalid = 4005,
    LayoutBlobMissing = 4006,
    LayoutBlobCorrupt = 4007,
    LayoutAmbiguous = 4008,
    LayoutNameNotFound = 4009,
    RegistryUnauthorized = 4010,
    RegistryForbidden = 4011,
    ManifestNotFound = 4012,
    RegistryRequestFailed = 4013,
    RegistryUnreachable = 4014,
    RegistryDigestMismatch = 4015,
    SourceTagMoved = 4016,
    PromoteVerificationFailed = 4017,
    PromotePartiallyFailed = 4018,
    InsecureRegistryRefused = 4019,
    CredentialHelperFailed = 4020,
    UntagFailed = 4021,
    ManifestInvalid = 4022,
    DockerConfigInvalid = 4023,
    BlobNotFound = 4024,
    TagNotFound = 4025,
    InvalidPromotion = 4026,

    // 5xxx signing and verification
    KeyNotEcdsaP256 = 5001,
    KeyPasswordWrong = 5002,
    KeyPasswordMissing = 5003,
    KeyUnreadable = 5004,
    KeyNotFound = 5005,
    KeyOutputExists = 5006,
    PredicateNotJson = 5007,
    PredicateNotFound = 5008,
    AttestationTypeInvalid = 5009,
    SbomUnrecognized = 5010,
    SbomBelowFloor = 5011,
    SbomCommandFailed = 5012,
    VerificationFailed = 5013,
    SignatureStoreInvalid = 5014,

    // 85xx vulnerability scans (gates)
    ScanReportUnreadable = 8501,
    ScanIgnoreFileInvalid = 8502,
    ScanSeverityUnknown = 8503,
}
