namespace Slipway.Configuration;

/// <summary>
/// <c>[notes]</c>: the release body. <c>pull-requests = false</c> leaves the pull request list out; <c>[notes.ai]</c>
/// adds a narrative written by a language model (<see cref="NotesAiSection"/>), null when absent.
/// </summary>
public sealed record NotesSection(bool PullRequests, NotesAiSection? Ai)
{
    public static NotesSection Default { get; } = new(true, null);

    internal static NotesSection Read(ConfigTable? table)
    {
        if (table is null)
        {
            return Default;
        }

        var pullRequests = table.GetBoolean("pull-requests") ?? true;
        var ai = NotesAiSection.Read(table.GetTable("ai"));
        table.EnsureNoUnknownKeys();
        return new NotesSection(pullRequests, ai);
    }
}
