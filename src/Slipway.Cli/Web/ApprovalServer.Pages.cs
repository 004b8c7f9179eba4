using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Slipway.State;

namespace Slipway.Cli.Web;

/// <summary>The pages and the read side of the API: the runs list, a run, its live status, and their JSON.</summary>
internal sealed partial class ApprovalServer
{
    private async Task RunsAsync(HttpContext context)
    {
        var caller = await CallerAsync(context);
        var (project, status, page) = ListQuery(context);
        var runs = await _catalog.ListRunsAsync(new RunQuery(project, ParseStatus(status), (page - 1) * RunsPage.PageSize, RunsPage.PageSize), context.RequestAborted);
        await SendPage(context, 200, RunsPage.Render(runs, project, status, page, caller, _settings.BasePath));
    }

    private async Task RunAsync(HttpContext context)
    {
        var caller = await CallerAsync(context);
        var id = (string)context.Request.RouteValues["id"]!;
        var details = await RunDetails.LoadAsync(_journal, _graph, id, context.RequestAborted);
        if (details is null)
        {
            await SendError(context, 404, caller, StateErrors.RunNotFound(id));
            return;
        }

        await SendPage(context, 200, RunPage.Render(details, _config, caller, _settings.BasePath, await RunCommits.SinceAsync(_config, _journal, details, context.RequestAborted)));
    }

    /// <summary>Server-sent events: the run's status and last change, sent when they change (the page reloads then).</summary>
    private async Task EventsAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        string? last = null;
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                var run = await _journal.FindRunAsync(id, context.RequestAborted);
                if (run is null)
                {
                    return;
                }

                var now = $"{{\"status\":\"{StatusNames.Of(run.Status)}\",\"updatedAt\":\"{run.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)}\"}}";
                if (now != last)
                {
                    await context.Response.WriteAsync($"event: status\ndata: {now}\n\n", Encoding.UTF8, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    last = now;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), _time, context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The browser went away.
        }
    }

    private async Task ApiRunsAsync(HttpContext context)
    {
        var (project, status, _) = ListQuery(context);
        var offset = int.TryParse(context.Request.Query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 1000) : RunsPage.PageSize;
        var runs = await _catalog.ListRunsAsync(new RunQuery(project, ParseStatus(status), offset, limit), context.RequestAborted);
        await SendJson(context, 200, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("total", runs.Total);
            writer.WriteStartArray("runs");
            foreach (var summary in runs.Runs)
            {
                var run = summary.Run;
                writer.WriteStartObject();
                writer.WriteString("id", run.Id);
                writer.WriteString("project", run.Project);
                writer.WriteString("version", run.Version);
                writer.WriteString("status", StatusNames.Of(run.Status));
                writer.WriteString("createdAt", run.CreatedAt);
                if (run.FinishedAt is { } finished)
                {
                    writer.WriteString("finishedAt", finished);
                }

                if (summary.DecidedBy is not null)
                {
                    writer.WriteStartObject("decision");
                    writer.WriteString("kind", summary.DecisionKind);
                    writer.WriteString("by", summary.DecidedBy);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>The run document of <c>slipway status --json</c>, built by the same writer.</summary>
    private async Task ApiRunAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var run = await _journal.FindRunAsync(id, context.RequestAborted);
        if (run is null)
        {
            await SendJsonError(context, 404, StateErrors.RunNotFound(id));
            return;
        }

        var steps = _graph.InOrder(await _journal.StepsAsync(run.Id, context.RequestAborted));
        var events = await _journal.EventsAsync(run.Id, context.RequestAborted);
        await SendJson(context, 200, writer => RunText.WriteJson(writer, run, steps, events));
    }

    private static (string? Project, string? Status, int Page) ListQuery(HttpContext context)
    {
        var project = context.Request.Query["project"].ToString();
        var status = context.Request.Query["status"].ToString();
        var page = int.TryParse(context.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        return (project.Length == 0 ? null : project, status.Length == 0 ? null : status, page);
    }

    // An unknown status matches no run rather than every run.
    private static RunStatus? ParseStatus(string? status) =>
        status is null ? null : Enum.GetValues<RunStatus>().Cast<RunStatus?>().FirstOrDefault(s => StatusNames.Of(s!.Value) == status) ?? (RunStatus)(-1);
}
