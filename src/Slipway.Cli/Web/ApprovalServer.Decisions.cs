using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Cli.Web;

/// <summary>
/// Approve and reject, from a form (session or proxy identity, CSRF token) or the API (bearer token). Either re-reads
/// the configuration and checks, as <c>slipway approve</c> does, that the caller is an approver and that the run
/// started from this configuration; then the journal records the decision once (<see cref="IRunCatalog.DecideAsync"/>).
/// Only the decision is recorded: the runner waiting in the approval step (or <c>serve --worker</c>) goes on.
/// </summary>
internal sealed partial class ApprovalServer
{
    private async Task FormDecisionAsync(HttpContext context, string kind)
    {
        var caller = await CallerAsync(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var id = (string)context.Request.RouteValues["id"]!;
        try
        {
            if (caller.Name is null)
            {
                throw WebErrors.SignInRequired();
            }

            if (!ApproverSecret.AreEqual(caller.Csrf, form["csrf"].ToString()))
            {
                throw WebErrors.CsrfInvalid();
            }

            await DecideAsync(context, caller, id, kind, form["reason"].ToString(), form["digests"].ToString());
            context.Response.Redirect($"{_settings.BasePath}/runs/{Uri.EscapeDataString(id)}", permanent: false);
        }
        catch (SlipwayException e)
        {
            await SendError(context, StatusOf(e), caller, e);
        }
    }

    private async Task ApiDecisionAsync(HttpContext context, string kind)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        try
        {
            var caller = await CallerAsync(context, bearer: true);
            if (caller.Name is null)
            {
                throw WebErrors.SignInRequired();
            }

            string? reason = null;
            string? digests = null;
            if (context.Request.ContentLength is > 0)
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
                if (body.RootElement.ValueKind == JsonValueKind.Object)
                {
                    reason = body.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                    digests = body.RootElement.TryGetProperty("digests", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                }
            }

            await DecideAsync(context, caller, id, kind, reason, digests);
            var run = await _journal.FindRunAsync(id, context.RequestAborted);
            var steps = _graph.InOrder(await _journal.StepsAsync(id, context.RequestAborted));
            var events = await _journal.EventsAsync(id, context.RequestAborted);
            await SendJson(context, 200, writer => RunText.WriteJson(writer, run!, steps, events));
        }
        catch (SlipwayException e)
        {
            await SendJsonError(context, StatusOf(e), e);
        }
        catch (JsonException e)
        {
            await SendJsonError(context, 400, SlipwayException.Input(ErrorCode.InvalidUsage, $"the request body is not JSON: {e.Message}"));
        }
    }

    private async Task DecideAsync(HttpContext context, Caller caller, string id, string kind, string? reason, string? digests)
    {
        var name = caller.Name!;

        // As 'slipway approve' does: the configuration and CODEOWNERS as they are now decide who may approve and
        // whether the run was built from it.
        var config = _loadConfig();
        _config = config;
        _graph = ReleaseComposition.Graph(config);
        ApproverPolicy.For(config).EnsureMayApprove(name);
        if (kind == RunEventKinds.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            throw WebErrors.ReasonMissing();
        }

        var details = await RunDetails.LoadAsync(_journal, _graph, id, context.RequestAborted) ?? throw StateErrors.RunNotFound(id);
        if (digests is not null && digests != details.DigestsShown)
        {
            throw WebErrors.Stale(id);
        }

        var shown = details.DigestsShown.Length == 0 ? "none" : details.DigestsShown;
        var where = $"via {caller.Via} from {Source(context)}; digests {shown}";
        var detail = kind == RunEventKinds.Rejected ? $"{reason!.Trim()} ({where})" : where;
        var decision = await _catalog.DecideAsync(id, StepNames.Approval, kind, name, detail, ConfigurationHash.Of(config), context.RequestAborted);
        switch (decision.Outcome)
        {
            case RunDecisionOutcome.NotFound:
                throw StateErrors.RunNotFound(id);
            case RunDecisionOutcome.AlreadyDecided:
                throw WebErrors.AlreadyDecided(id, decision.Earlier!.Kind, decision.Earlier.Actor);
            case RunDecisionOutcome.NotAwaitingApproval:
                throw PipelineErrors.NotAwaitingApproval(decision.Run!);
            case RunDecisionOutcome.ConfigurationChanged:
                throw PipelineErrors.ApprovalInputsChanged(decision.Run!, name);
        }
    }

    private static int StatusOf(SlipwayException error) => error.Code switch
    {
        ErrorCode.RunNotFound => 404,
        ErrorCode.SignInRequired or ErrorCode.ApproverTokenInvalid => 401,
        ErrorCode.NotAnApprover or ErrorCode.CsrfTokenInvalid => 403,
        ErrorCode.SignInThrottled => 429,
        ErrorCode.DecisionAlreadyMade or ErrorCode.RunNotAwaitingApproval or ErrorCode.RunInputsChanged or ErrorCode.DecisionStale => 409,
        _ => 400,
    };
}
