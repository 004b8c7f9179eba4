using Slipway.Diagnostics;

namespace Slipway.Configuration;

/// <summary>Every user-facing configuration message, in one place.</summary>
internal static class ConfigErrors
{
    public static SlipwayException NotFound(string path) =>
        SlipwayException.Input(
            ErrorCode.ConfigNotFound,
            $"{path}: configuration file not found",
            "run 'slipway init' to write a starter slipway.toml, or pass --config FILE");

    public static SlipwayException Syntax(SourceLocation at, string message) =>
        SlipwayException.Input(ErrorCode.ConfigSyntax, $"{at}: {message}");

    public static SlipwayException TableArraySplit(SourceLocation at, string key) =>
        SlipwayException.Input(
            ErrorCode.ConfigTableArraySplit,
            $"{at}: [[{key}]] starts again after another table; the TOML reader would keep only the [[{key}]] tables from here on and drop the earlier ones",
            $"write every [[{key}]] table one after another");

    public static SlipwayException TableDefinedTwice(SourceLocation at, string key) =>
        SlipwayException.Input(
            ErrorCode.ConfigTableDefinedTwice,
            $"{at}: [{key}] is defined a second time; TOML allows one definition of a table, and the reader would merge the two",
            $"move the keys of this [{key}] into the first one");

    public static SlipwayException UnknownKey(SourceLocation at, string path, string? suggestion) =>
        SlipwayException.Input(
            ErrorCode.ConfigUnknownKey,
            suggestion is null
                ? $"{at}: unknown key '{path}'"
                : $"{at}: unknown key '{path}', did you mean '{suggestion}'?");

    public static SlipwayException WrongType(SourceLocation at, string path, string expected, string actual) =>
        SlipwayException.Input(ErrorCode.ConfigWrongType, $"{at}: '{path}' must be {expected}, not {actual}");

    public static SlipwayException Missing(SourceLocation at, string path) =>
        SlipwayException.Input(ErrorCode.ConfigMissingValue, $"{at}: missing required value '{path}'");

    public static SlipwayException Invalid(SourceLocation at, string path, string reason) =>
        SlipwayException.Input(ErrorCode.ConfigInvalidValue, $"{at}: '{path}' {reason}");

    public static SlipwayException EnvironmentMissing(SourceLocation at, string path, string variable) =>
        SlipwayException.Input(
            ErrorCode.EnvironmentVariableMissing,
            $"{at}: '{path}' reads environment variable {variable}, which is not set");

    public static SlipwayException LiteralSecret(SourceLocation at, string path, string example) =>
        SlipwayException.Input(
            ErrorCode.LiteralSecretInConfig,
            $"{at}: '{path}' is a secret written into the file, where anyone who can read the repository reads it; write {example}",
            $"to accept literal secrets anyway, set allow-literal-secrets = true in [project]");

    public static SlipwayException AlreadyExists(string path) =>
        SlipwayException.Input(ErrorCode.ConfigAlreadyExists, $"{path} already exists", "pass --force to overwrite it");
}
