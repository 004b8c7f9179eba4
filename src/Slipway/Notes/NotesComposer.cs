using System.Text;
using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Notes;

/// <summary>
/// Composes the release body: the narrative (when enabled and accepted), the hand-written notes, a rule, the pull
/// request list, cut to the forge's limit, then the verify commands of the signed images (never cut: the limit is
/// applied to what comes before them, less their length). <c>slipway notes</c> and the compose-notes step both call this, so the
/// command prints the body the release gets.
/// </summary>
public sealed class NotesComposer(ProjectSection project, string workingDirectory, IPullRequestList pullRequests, INarrativeWriter? narrative, bool listPullRequests = true)
{
    public const string Rule = "---";

    // An annotated tag's first line is its subject (git tag -n, git log --decorate): the release's name, not a heading.
    private const string GitForgeKind = "git";

    public async Task<ReleaseNotes> ComposeAsync(NotesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tags = await PreviousRelease.TagsAsync(workingDirectory, cancellationToken);
        var previous = PreviousRelease.Find(project, request.Version, tags);
        var range = new ReleaseRange(request.Tag, request.Commit, previous);
        var list = await pullRequests.ListAsync(range, cancellationToken);
        var handWritten = request.HandWritten is { } text && text.Trim().Length > 0 ? text.Trim() : null;
        var written = narrative is null
            ? new Narrative(null, null, null, null)
            : await narrative.WriteAsync(new NarrativeInput(project.Name, request.Version.ToString(), handWritten, list, range), cancellationToken);

        var body = new StringBuilder(request.ForgeKind == GitForgeKind ? $"{project.Name} {request.Version}\n\n" : string.Empty);
        string[] sections = [.. ((string?[])[written.Text?.Trim(), handWritten]).OfType<string>().Where(p => p.Length > 0)];
        body.AppendJoin("\n\n", sections);
        if (listPullRequests)
        {
            if (sections.Length > 0)
            {
                body.Append("\n\n").Append(Rule).Append("\n\n");
            }

            body.Append(list.Markdown.Trim());
        }

        body.Append('\n');
        var limit = BodyLimit.For(request.ForgeKind);
        var verify = request.Verify?.Markdown();
        var (capped, truncated) = BodyLimit.Apply(body.ToString(), limit - (verify is null ? 0 : verify.Length + 1));
        if (verify is not null)
        {
            capped += "\n" + verify;
        }

        var warnings = new List<NotesWarning>();
        if (written.Warning is { } warning)
        {
            warnings.Add(new NotesWarning(ErrorCode.NotesNarrativeDropped, warning));
        }

        if (truncated)
        {
            warnings.Add(new NotesWarning(ErrorCode.NotesBodyTruncated, $"the release body was {body.Length} characters, over the {request.ForgeKind} forge's limit of {limit}: cut, with a note at its end"));
        }

        return new ReleaseNotes(capped, written.Text, handWritten, listPullRequests ? list.Markdown : string.Empty, previous, truncated, limit, written.Model, written.PromptHash, warnings, verify);
    }
}
