namespace Slipway.Changelog;

/// <summary>
/// One news fragment as read: its section, issue (empty for an orphan), category, counter, text (newlines normalized
/// as Python's universal newlines do), and the file it came from.
/// </summary>
public sealed record Fragment(string Section, string Issue, string Category, int Counter, string Content, string Path);
