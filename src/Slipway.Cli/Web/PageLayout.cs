namespace Slipway.Cli.Web;

/// <summary>The frame of every page: the title, who is signed in (and the sign-out form), the stylesheet and script.</summary>
internal static class PageLayout
{
    /// <summary>A whole page; <paramref name="selfContained"/> inlines the stylesheet and leaves the script and links to the server out (the report).</summary>
    public static string Render(string title, Caller caller, string basePath, Action<Html> body, bool selfContained = false)
    {
        var html = new Html();
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
            .Text(title).Raw(" · Slipway</title>");
        if (selfContained)
        {
            html.Raw("<style>").Raw(PageStyle.Css).Raw("</style>");
        }
        else
        {
            html.Raw("<link rel=\"stylesheet\"").Attr("href", basePath + "/static/app.css").Raw("><script defer").Attr("src", basePath + "/static/live.js").Raw("></script>");
        }

        html.Raw("</head><body><header><strong>Slipway</strong>");
        if (!selfContained)
        {
            html.Raw("<a").Attr("href", basePath + "/").Raw(">Runs</a>");
            if (caller.Name is null)
            {
                html.Raw("<a").Attr("href", basePath + "/login").Raw(" class=\"sign-in\">Sign in</a>");
            }
            else
            {
                html.Raw("<form method=\"post\"").Attr("action", basePath + "/logout").Raw("><span>Signed in as ").Text(caller.Name)
                    .Raw(caller.IsApprover ? " (approver)" : " (not an approver)").Raw("</span> ");
                if (caller.Via == "session")
                {
                    html.Raw("<input type=\"hidden\" name=\"csrf\"").Attr("value", caller.Csrf).Raw("><button type=\"submit\">Sign out</button>");
                }

                html.Raw("</form>");
            }
        }

        html.Raw("</header><main>");
        body(html);
        html.Raw("</main></body></html>");
        return html.ToString();
    }

    public static string Message(string title, string message, Caller caller, string basePath, string? code = null) =>
        Render(title, caller, basePath, html =>
        {
            html.Element("h1", title);
            html.Raw("<p class=\"error\" role=\"alert\">");
            if (code is not null)
            {
                html.Raw("<code>").Text(code).Raw("</code> ");
            }

            html.Text(message).Raw("</p><p><a").Attr("href", basePath + "/").Raw(">Back to the runs</a></p>");
        });
}
