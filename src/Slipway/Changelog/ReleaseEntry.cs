namespace Slipway.Changelog;

/// <summary>One bullet: the fragment text and the issues it closes, already formatted with <c>issue_format</c>.</summary>
public sealed record ReleaseEntry(string Text, IReadOnlyList<string> Issues);
