using System.Globalization;
using Slipway.Configuration;
using Slipway.State;
using Slipway.Pipeline.Outputs;

namespace Slipway.Cli.Web;

/// <summary>
/// A run as an approver needs to see it: status, the step timeline, images with digests and tags, scan findings, SBOM
/// counts against the previous release and the floor, signatures and attestations per digest, the release notes, the
/// commits since the previous release, the audit trail, and (to approvers, while it awaits approval) Approve and Reject.
/// </summary>
internal static class RunPage
{
    public static string Render(RunDetails details, SlipwayConfig config, Caller caller, string basePath, RunChanges changes, bool report = false)
    {
        var run = details.Run;
        var state = StatusNames.Of(run.Status);
        return PageLayout.Render($"{run.Project} {run.Version}", caller, basePath, html =>
        {
            html.Raw("<h1>").Text(run.Project).Raw(" ").Text(run.Version).Raw(" <span id=\"run-status\"").Attr("class", "status s-" + state)
                .Attr("data-events", $"{basePath}/runs/{Uri.EscapeDataString(run.Id)}/events")
                .Attr("data-updated", run.UpdatedAt.ToString("O", CultureInfo.InvariantCulture))
                .Raw(" role=\"status\">").Text(state).Raw("</span></h1>");
            html.Raw("<p>Run <code>").Text(run.Id).Raw("</code> of commit <code>").Text(run.Commit).Raw("</code>, started ")
                .Text(run.CreatedAt.ToString("u", CultureInfo.InvariantCulture)).Raw(".");
            if (details.Decision is { } decision)
            {
                html.Raw(" <strong>").Text($"{decision.Kind} by {decision.Actor} at {decision.At.ToString("u", CultureInfo.InvariantCulture)}").Raw("</strong>");
            }

            html.Raw("</p>");
            if (!report)
            {
                Decide(html, details, config, caller, basePath);
            }

            Timeline(html, details.Steps);
            Images(html, details, config);
            Scan(html, details);
            Sboms(html, details, config);
            Signatures(html, details);
            Notes(html, details);
            Commits(html, changes);
            Audit(html, details.Events);
        }, selfContained: report);
    }

    private static void Decide(Html html, RunDetails details, SlipwayConfig config, Caller caller, string basePath)
    {
        var run = details.Run;
        if (run.Status != RunStatus.AwaitingApproval || details.Decision is not null)
        {
            return;
        }

        html.Raw("<section class=\"decide\" aria-labelledby=\"decide-title\"><h2 id=\"decide-title\">Awaiting approval</h2>");
        if (details.TagMoves.Count > 0)
        {
            html.Raw("<p>Approving records the decision; the runner waiting for it then moves these tags (as the registry named them when the run began to wait):</p><ul class=\"moves\">");
            foreach (var move in details.TagMoves)
            {
                html.Raw("<li>");
                TagMove(html, move);
                html.Raw("</li>");
            }

            html.Raw("</ul>");
        }
        else if (details.Images.SelectMany(image => details.FutureTags(config, image).Select(tag => (Tag: $"{image.Repository}:{tag}", image.Digest))).ToList() is { Count: > 0 } moves)
        {
            html.Raw("<p>Approving records the decision; the runner waiting for it then points these tags at these digests:</p><ul>");
            foreach (var (tag, digest) in moves)
            {
                html.Raw("<li><code>").Text(tag).Raw("</code> → <code>").Text(digest.ToString()).Raw("</code></li>");
            }

            html.Raw("</ul>");
        }
        else
        {
            html.Raw("<p>Approving records the decision; no release tag moves (the configuration gives this run's images no release tags).</p>");
        }

        if (!caller.IsApprover)
        {
            html.Raw("<p>").Text(caller.Name is null ? "Sign in as an approver to approve or reject this run." : $"{caller.Name} is not an approver of this project.").Raw("</p></section>");
            return;
        }

        var action = $"{basePath}/runs/{Uri.EscapeDataString(run.Id)}";
        html.Raw("<form method=\"post\"").Attr("action", action + "/approve").Raw("><input type=\"hidden\" name=\"csrf\"").Attr("value", caller.Csrf)
            .Raw("><input type=\"hidden\" name=\"digests\"").Attr("value", details.DigestsShown)
            .Raw("><button type=\"submit\" class=\"approve\" id=\"approve\">Approve</button></form>");
        html.Raw("<form method=\"post\"").Attr("action", action + "/reject").Raw("><input type=\"hidden\" name=\"csrf\"").Attr("value", caller.Csrf)
            .Raw("><input type=\"hidden\" name=\"digests\"").Attr("value", details.DigestsShown)
            .Raw("><p><label for=\"reason\">Reason for rejecting (required)</label><br><textarea id=\"reason\" name=\"reason\" rows=\"2\" required></textarea></p><button type=\"submit\" class=\"reject\" id=\"reject\">Reject</button></form></section>");
    }

    /// <summary>One release tag: from the digest it names now (or "new tag") to the one it gets, or why it stays.</summary>
    private static void TagMove(Html html, PendingTagMove move)
    {
        html.Raw("<code>").Text($"{move.Repository}:{move.Tag}").Raw("</code>: ");
        if (!move.Moves)
        {
            html.Text("stays");
            if (move.From is not null)
            {
                html.Raw(" at <code class=\"digest\">").Text(move.From).Raw("</code>");
            }

            html.Text($" ({move.Reason})");
            return;
        }

        if (move.From is null)
        {
            html.Text("new tag");
        }
        else
        {
            html.Raw("<code class=\"digest\">").Text(move.From).Raw("</code>");
        }

        html.Raw(" → <code class=\"digest\">").Text(move.Digest).Raw("</code>");
        if (move.From == move.Digest)
        {
            html.Text(" (already names it)");
        }
    }

    private static void Timeline(Html html, IReadOnlyList<StepRecord> steps)
    {
        html.Element("h2", "Steps");
        var timed = steps.Where(s => s.StartedAt is not null).ToList();
        if (timed.Count > 0)
        {
            var start = timed.Min(s => s.StartedAt!.Value);
            var end = timed.Max(s => s.EndedAt ?? s.StartedAt!.Value);
            var total = Math.Max((end - start).TotalMilliseconds, 1);
            const int Width = 640;
            const int Label = 150;
            const int Row = 18;
            html.Raw($"<svg role=\"img\" aria-labelledby=\"timeline-title\" width=\"{Width + Label + 10}\" height=\"{(timed.Count * Row) + 24}\" viewBox=\"0 0 {Width + Label + 10} {(timed.Count * Row) + 24}\" font-size=\"12\">")
                .Raw("<title id=\"timeline-title\">Step timeline: each step's start and duration; steps that overlap ran in parallel</title>");
            for (var index = 0; index < timed.Count; index++)
            {
                var step = timed[index];
                var x = Label + ((step.StartedAt!.Value - start).TotalMilliseconds / total * Width);
                var w = Math.Max(((step.EndedAt ?? end) - step.StartedAt.Value).TotalMilliseconds / total * Width, 2);
                var failed = step.Status is StepStatus.Failed or StepStatus.CompensationFailed;
                var colour = failed ? "#7a0f0f" : step.Status == StepStatus.Succeeded ? "#0a4d24" : "#5c6b80";
                var y = index * Row;
                html.Raw($"<text x=\"0\" y=\"{y + 13}\">").Text(step.Name).Raw("</text>")
                    .Raw(string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"12\" fill=\"{colour}\"><title>"))
                    .Text($"{step.Name}: {StatusNames.Of(step.Status)}, {RunText.Duration(step)}").Raw("</title></rect>");
                if (failed)
                {
                    html.Raw(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x + w + 4:0.#}\" y=\"{y + 13}\" fill=\"#7a0f0f\">✗ failed</text>"));
                }
            }

            html.Raw(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{Label}\" y=\"{(timed.Count * Row) + 16}\">0 s</text><text x=\"{Label + Width - 40}\" y=\"{(timed.Count * Row) + 16}\">{total / 1000:0.#} s</text></svg>"));
        }

        html.Raw("<table><thead><tr><th scope=\"col\">Step</th><th scope=\"col\">Status</th><th scope=\"col\">Duration</th><th scope=\"col\">Note</th></tr></thead><tbody>");
        foreach (var step in steps)
        {
            var state = StatusNames.Of(step.Status);
            html.Raw("<tr><td>").Text(step.Name).Raw("</td><td><span").Attr("class", "status s-" + state).Raw(">").Text(state).Raw("</span></td><td>")
                .Text(step.StartedAt is null ? string.Empty : RunText.Duration(step)).Raw("</td><td>").Text(step.Error ?? step.Reason).Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static void Images(Html html, RunDetails details, SlipwayConfig config)
    {
        if (details.Images.Count == 0)
        {
            return;
        }

        html.Element("h2", "Images");
        foreach (var image in details.Images)
        {
            var promoted = details.Promoted.FirstOrDefault(p => p.Repository == image.Repository && p.Digest == image.Digest);
            html.Element("h3", image.Repository);
            html.Raw("<table><tbody><tr><th scope=\"row\">Digest</th><td><code class=\"digest\">").Text(image.Digest.ToString()).Raw("</code></td></tr>");
            foreach (var platform in image.Platforms)
            {
                html.Raw("<tr><th scope=\"row\">").Text(platform.Platform).Raw("</th><td><code class=\"digest\">").Text(platform.Digest.ToString()).Raw("</code></td></tr>");
            }

            html.Raw("<tr><th scope=\"row\">Tags now</th><td>").Text(string.Join(", ", image.Tags.Concat(promoted?.Tags ?? []).Distinct())).Raw("</td></tr>");
            var moves = details.TagMoves.Where(m => m.Repository == image.Repository && m.Digest == image.Digest.ToString()).ToList();
            if (moves.Count > 0)
            {
                html.Raw("<tr><th scope=\"row\">Release tags</th><td><ul class=\"moves\">");
                foreach (var move in moves)
                {
                    html.Raw("<li>");
                    TagMove(html, move);
                    html.Raw("</li>");
                }

                html.Raw("</ul></td></tr></tbody></table>");
                continue;
            }

            html.Raw("<tr><th scope=\"row\">Release tags</th><td>").Text(details.FutureTags(config, image) is { Count: > 0 } tags ? string.Join(", ", tags) : "none configured").Raw("</td></tr></tbody></table>");
        }
    }

    private static void Scan(Html html, RunDetails details)
    {
        if (details.Scan is not { } scan)
        {
            return;
        }

        html.Element("h2", "Scan findings");
        html.Element("p", scan.Summary);
        html.Raw("<table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Findings</th></tr></thead><tbody>");
        foreach (var (severity, count) in scan.Counts.OrderBy(c => SeverityRank(c.Key)))
        {
            html.Raw("<tr><td").Attr("class", "sev-" + severity.ToLowerInvariant()).Raw(">").Text(severity).Raw("</td><td>").Text(count).Raw("</td></tr>");
        }

        html.Raw("<tr><td class=\"ignored\">ignored</td><td class=\"ignored\">").Text(scan.Ignored).Raw(" (dropped by the ignore list)</td></tr></tbody></table>");
        if (scan.Blocking.Count > 0)
        {
            html.Raw("<p>Blocking:</p><ul>");
            foreach (var finding in scan.Blocking)
            {
                html.Element("li", finding);
            }

            html.Raw("</ul>");
        }
    }

    private static int SeverityRank(string severity) => severity.ToUpperInvariant() switch
    {
        "CRITICAL" => 0,
        "HIGH" => 1,
        "MEDIUM" => 2,
        "LOW" => 3,
        _ => 4,
    };

    private static void Sboms(Html html, RunDetails details, SlipwayConfig config)
    {
        if (details.Sboms is not { } sboms)
        {
            return;
        }

        html.Element("h2", "SBOM packages");
        html.Raw("<table><thead><tr><th scope=\"col\">Image</th><th scope=\"col\">Platform</th><th scope=\"col\">Packages</th><th scope=\"col\">Previous release</th><th scope=\"col\">Floor</th></tr></thead><tbody>");
        foreach (var sbom in sboms.Sboms)
        {
            var previous = details.PreviousSboms?.Sboms.FirstOrDefault(p => p.Repository == sbom.Repository && p.Platform == sbom.Platform)?.Packages;
            var floor = config.Sbom.Floor(previous);
            html.Raw("<tr><td>").Text(sbom.Repository).Raw("</td><td>").Text(sbom.Platform.Length == 0 ? "(single)" : sbom.Platform).Raw("</td><td>")
                .Text(sbom.Packages?.ToString(CultureInfo.InvariantCulture) ?? "not counted").Raw("</td><td>")
                .Text(previous?.ToString(CultureInfo.InvariantCulture) ?? "none").Raw("</td><td>").Text(floor.Minimum).Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static void Signatures(Html html, RunDetails details)
    {
        if (details.Signatures is null && details.Sboms is null && details.Provenance is null)
        {
            return;
        }

        html.Element("h2", "Signatures and attestations");
        html.Raw("<table><thead><tr><th scope=\"col\">Digest</th><th scope=\"col\">Present</th></tr></thead><tbody>");
        foreach (var digest in details.Images.SelectMany(i => i.AllDigests).Distinct())
        {
            var present = new List<string>();
            present.AddRange(details.Signatures?.Signatures.Where(s => s.Digest == digest).Select(_ => "signature") ?? []);
            present.AddRange(details.Sboms?.Sboms.Where(s => s.Digest == digest).Select(_ => "SBOM attestation") ?? []);
            present.AddRange(details.Provenance?.Provenance.Where(p => p.Digest == digest).Select(_ => "SLSA provenance") ?? []);
            html.Raw("<tr><td><code>").Text(digest.ToString()).Raw("</code></td><td>").Text(present.Count == 0 ? "none" : string.Join(", ", present)).Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
    }

    // The composed release body (a step output of the notes part) replaces the changelog's notes here once it is journaled.
    private static void Notes(Html html, RunDetails details)
    {
        if (details.Changelog is not { } changelog)
        {
            return;
        }

        html.Element("h2", "Release notes");
        html.Raw("<div class=\"notes\">").Text(changelog.Notes).Raw("</div>");
    }

    private static void Commits(Html html, RunChanges changes)
    {
        if (changes.Commits.Count == 0)
        {
            return;
        }

        html.Element("h2", changes.Since is null ? "Changes (no previous release)" : "Changes since the previous release");
        html.Raw("<p>").Text(changes.CommitsCapped ? $"The last {changes.Commits.Count} commits" : $"{changes.Commits.Count} commit{(changes.Commits.Count == 1 ? string.Empty : "s")}")
            .Text(changes.Since is null ? "." : $" since {changes.Since[..12]}.").Raw("</p><ul class=\"commits\">");
        foreach (var line in changes.Commits)
        {
            html.Raw("<li><code>").Text(line).Raw("</code></li>");
        }

        html.Raw("</ul>");
        if (changes.Files.Count > 0)
        {
            html.Element("h3", changes.FilesCapped ? $"Changed files (the first {changes.Files.Count})" : $"Changed files ({changes.Files.Count})");
            html.Raw("<ul class=\"files\">");
            foreach (var file in changes.Files)
            {
                html.Raw("<li><code>").Text(file).Raw("</code></li>");
            }

            html.Raw("</ul>");
        }
    }

    private static void Audit(Html html, IReadOnlyList<RunEvent> events)
    {
        html.Element("h2", "Audit trail");
        html.Raw("<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">What</th><th scope=\"col\">Who</th><th scope=\"col\">Detail</th></tr></thead><tbody>");
        foreach (var entry in events)
        {
            html.Raw("<tr><td>").Text(entry.At.ToString("u", CultureInfo.InvariantCulture)).Raw("</td><td>").Text(entry.Kind).Raw("</td><td>").Text(entry.Actor)
                .Raw("</td><td>").Text(entry.Detail).Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
    }
}
