using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Notes;

/// <summary>
/// The pull request list from the git history between the previous release tag and the built commit, along the
/// first parent (the release branch's own history): merge commits (<c>Merge pull request #12 from owner/branch</c>,
/// the title on the body's first line) and squash merges (<c>subject (#12)</c>). Grouped by conventional-commit type
/// when the titles use it.
/// </summary>
public sealed partial class GitPullRequestList(string workingDirectory) : IPullRequestList
{
    // A commit record: hash, subject and body, the body cut while reading (a PR body is cut at 2,000 anyway).
    private const int RecordCap = 64 * 1024;

    public async Task<PullRequestList> ListAsync(ReleaseRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var revisions = range.PreviousTag is null ? range.Commit : $"refs/tags/{range.PreviousTag}..{range.Commit}";
        var pulls = new List<PullRequest>();
        var seen = new HashSet<int>();
        await GitStream.ReadRecordsAsync(
            workingDirectory,
            ["log", "--first-parent", "-z", "--no-show-signature", "--format=%H%n%s%n%b", revisions, "--"],
            '\0',
            RecordCap,
            record =>
            {
                if (Parse(record) is { } pull && seen.Add(pull.Number))
                {
                    pulls.Add(pull);
                }
            },
            cancellationToken);

        // git log lists newest first; the list reads oldest first, as the work was merged.
        pulls.Reverse();
        return new PullRequestList(Render(pulls, range), pulls);
    }

    internal static PullRequest? Parse(string record)
    {
        var lines = record.Split('\n', 3);
        if (lines.Length < 2)
        {
            return null;
        }

        var (commit, subject, body) = (lines[0], lines[1].Trim(), lines.Length > 2 ? lines[2].Trim() : string.Empty);
        if (MergeSubject().Match(subject) is { Success: true } merge)
        {
            var bodyLines = body.Split('\n', 2);
            var title = bodyLines[0].Trim();
            return new PullRequest(
                Number(merge.Groups["number"].Value),
                title.Length > 0 ? title : merge.Groups["branch"].Value,
                Cut(bodyLines.Length > 1 ? bodyLines[1].Trim() : string.Empty),
                commit);
        }

        if (SquashSubject().Match(subject) is { Success: true } squash)
        {
            return new PullRequest(Number(squash.Groups["number"].Value), squash.Groups["title"].Value.Trim(), Cut(body), commit);
        }

        return null;
    }

    internal static string Render(IReadOnlyList<PullRequest> pulls, ReleaseRange range)
    {
        var text = new StringBuilder("## Pull requests\n\n");
        if (pulls.Count == 0)
        {
            text.Append(range.PreviousTag is null ? "No pull requests were merged.\n" : $"No pull requests were merged since {range.PreviousTag}.\n");
        }
        else
        {
            var parsed = pulls.Select(p => (Pull: p, Subject: ConventionalSubject.TryParse(p.Title, out var s) ? s : null)).ToList();
            if (parsed.Any(p => p.Subject is not null))
            {
                foreach (var (type, heading) in ConventionalSubject.Sections)
                {
                    var entries = parsed.Where(p => (p.Subject?.Section ?? string.Empty) == type).ToList();
                    if (entries.Count == 0)
                    {
                        continue;
                    }

                    text.Append("### ").Append(heading).Append("\n\n");
                    foreach (var (pull, subject) in entries)
                    {
                        var title = subject is null ? pull.Title : subject.Scope is null ? subject.Description : $"**{subject.Scope}:** {subject.Description}";
                        Entry(text, title, pull.Number);
                    }

                    text.Append('\n');
                }

                text.Length--;
            }
            else
            {
                foreach (var pull in pulls)
                {
                    Entry(text, pull.Title, pull.Number);
                }
            }
        }

        if (range.PreviousTag is not null)
        {
            text.Append("\n**Full changes**: ").Append(range.PreviousTag).Append("...").Append(range.Tag).Append('\n');
        }

        return text.ToString();
    }

    private static void Entry(StringBuilder text, string title, int number) =>
        text.Append("- ").Append(title).Append(" (#").Append(number.ToString(CultureInfo.InvariantCulture)).Append(")\n");

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Cut(string body) => body.Length <= PullRequest.BodyCap ? body : body[..PullRequest.BodyCap];

    [GeneratedRegex(@"^Merge pull request #(?<number>[0-9]{1,9}) from (?<branch>\S+)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MergeSubject();

    [GeneratedRegex(@"^(?<title>.*\S)\s+\(#(?<number>[0-9]{1,9})\)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SquashSubject();
}
