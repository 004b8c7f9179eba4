using Slipway.State;

namespace Slipway.Cli.Web;

/// <summary>The runs list: project, version, status, started, duration, decided by; filtered by project and status, paginated.</summary>
internal static class RunsPage
{
    public const int PageSize = 50;

    public static string Render(RunListing page, string? project, string? status, int pageNumber, Caller caller, string basePath) =>
        PageLayout.Render("Runs", caller, basePath, html =>
        {
            html.Element("h1", "Runs");
            html.Raw("<form method=\"get\"").Attr("action", basePath + "/").Raw(" role=\"search\"><label for=\"project\">Project</label> <input id=\"project\" name=\"project\"")
                .Attr("value", project).Raw("> <label for=\"status\">Status</label> <select id=\"status\" name=\"status\"><option value=\"\">any</option>");
            foreach (var name in Enum.GetValues<RunStatus>().Select(StatusNames.Of))
            {
                html.Raw("<option").Attr("value", name).Raw(name == status ? " selected>" : ">").Text(name).Raw("</option>");
            }

            html.Raw("</select> <button type=\"submit\">Filter</button></form>");
            html.Raw("<p>").Text(page.Total).Raw(page.Total == 1 ? " run" : " runs").Raw("</p>");
            html.Raw("<table><caption class=\"visually-hidden\">Runs, newest first</caption><thead><tr><th scope=\"col\">Run</th><th scope=\"col\">Project</th><th scope=\"col\">Version</th><th scope=\"col\">Status</th><th scope=\"col\">Started</th><th scope=\"col\">Duration</th><th scope=\"col\">Decided</th></tr></thead><tbody>");
            foreach (var summary in page.Runs)
            {
                var run = summary.Run;
                var state = StatusNames.Of(run.Status);
                html.Raw("<tr><td><a").Attr("href", $"{basePath}/runs/{Uri.EscapeDataString(run.Id)}").Raw(">").Text(run.Id).Raw("</a></td><td>").Text(run.Project)
                    .Raw("</td><td>").Text(run.Version).Raw("</td><td><span").Attr("class", "status s-" + state).Raw(">").Text(state).Raw("</span></td><td>")
                    .Text(run.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)).Raw("</td><td>")
                    .Text(run.FinishedAt is { } end ? RunText.Duration(end - run.CreatedAt) : string.Empty).Raw("</td><td>")
                    .Text(summary.DecidedBy is null ? string.Empty : $"{summary.DecisionKind} by {summary.DecidedBy}").Raw("</td></tr>");
            }

            html.Raw("</tbody></table><nav class=\"pages\" aria-label=\"Pages\">");
            var query = (project is null ? string.Empty : "&project=" + Uri.EscapeDataString(project)) + (status is null ? string.Empty : "&status=" + Uri.EscapeDataString(status));
            if (pageNumber > 1)
            {
                html.Raw("<a").Attr("href", $"{basePath}/?page={pageNumber - 1}{query}").Raw(" rel=\"prev\">Newer</a>");
            }

            if (pageNumber * PageSize < page.Total)
            {
                html.Raw("<a").Attr("href", $"{basePath}/?page={pageNumber + 1}{query}").Raw(" rel=\"next\">Older</a>");
            }

            html.Raw("</nav>");
        });
}
