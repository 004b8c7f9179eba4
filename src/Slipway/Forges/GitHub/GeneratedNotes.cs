namespace Slipway.Forges.GitHub;

/// <summary>What generate-notes answers: a suggested title and the Markdown body (the PR list by <c>.github/release.yml</c> category).</summary>
public sealed record GeneratedNotes(string Name, string Body);
