using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Slipway.Notes.Ai;

/// <summary>
/// The narrative's prompt: the instructions (the configured <c>prompt</c> or <see cref="DefaultInstructions"/>) and
/// the input sections — the hand-written notes or "(none)", the pull request list, the pull requests' titles and
/// bodies (at most <see cref="MaxPullRequests"/>), the diff within its budget — the whole cut at the prompt cap with
/// a marker saying so.
/// </summary>
public sealed record NarrativePrompt(string Instructions, string Input)
{
    public const int MaxPullRequests = 200;

    public const string CutMarker = "[the input was cut here to stay within the prompt cap]";

    public const string DefaultInstructions = """
        You write the opening of the release notes of a software project: a short narrative of what this release
        means for its users, from the input below (the hand-written notes, the merged pull requests, the diff).
        Write Markdown. Use "##" for the narrative's title and "###" for its sections; no "#" heading.
        Lead with what matters most to users: new capabilities, fixed problems, breaking changes and what to do about them.
        Do not invent numbers: cite a pull request or issue (#123) only when it appears in the input, and state no
        figure (counts, percentages, versions, dates) the input does not give. Do not repeat the full list of pull
        requests; it follows your text. Answer with the narrative only.
        """;

    public static NarrativePrompt Build(string? instructions, NarrativeInput input, string diff, int cap)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Release\n\n{input.ProjectName} {input.Version}, since {input.Range.PreviousTag ?? "the first commit"}\n\n");
        text.Append("# Hand-written notes\n\n").Append(input.HandWritten ?? "(none)").Append("\n\n");
        text.Append("# Pull requests\n\n").Append(input.PullRequests.Markdown.Trim()).Append("\n\n");
        text.Append("# Pull request descriptions\n\n");
        var pulls = input.PullRequests.PullRequests;
        if (pulls.Count == 0)
        {
            text.Append("(none)\n\n");
        }

        foreach (var pull in pulls.Take(MaxPullRequests))
        {
            var body = pull.Body.Length > PullRequest.BodyCap ? pull.Body[..PullRequest.BodyCap] : pull.Body;
            text.Append(CultureInfo.InvariantCulture, $"## #{pull.Number}: {pull.Title}\n\n{(body.Length == 0 ? "(no description)" : body)}\n\n");
        }

        if (pulls.Count > MaxPullRequests)
        {
            text.Append(CultureInfo.InvariantCulture, $"({pulls.Count - MaxPullRequests} more pull requests are in the list above)\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"# Diff since {input.Range.PreviousTag ?? "the first commit"}\n\n").Append(diff);
        var system = instructions ?? DefaultInstructions;
        var room = cap - system.Length;
        var user = text.ToString();
        if (user.Length > room)
        {
            var keep = Math.Max(0, room - CutMarker.Length - 2);
            if (keep > 0 && char.IsHighSurrogate(user[keep - 1]))
            {
                keep--;
            }

            user = user[..keep] + "\n" + CutMarker + "\n";
        }

        return new NarrativePrompt(system, user);
    }

    public int Length => Instructions.Length + Input.Length;

    /// <summary>SHA-256 of what was sent (instructions, a NUL, the input), journaled with the narrative.</summary>
    public string Hash => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Instructions + "\0" + Input)));
}
