namespace Slipway.Changelog;

/// <summary>How a git command ended and what it printed.</summary>
internal sealed record GitResult(int ExitCode, string Output, string Error);
