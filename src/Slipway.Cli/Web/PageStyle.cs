namespace Slipway.Cli.Web;

/// <summary>The page's stylesheet and its one script (live status over server-sent events); the page works without it.</summary>
internal static class PageStyle
{
    // Status colours are dark text on a light tint: each pair has a contrast ratio above 7:1 (WCAG AAA).
    public const string Css = """
        body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
        header{background:#1f2937;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1rem;align-items:center}
        header a{color:#fff}header form,header .sign-in{margin-left:auto}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        main{padding:1rem 1.2rem;max-width:72rem}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
        code{font:13px ui-monospace,monospace;word-break:break-all}
        .status{display:inline-block;padding:0 .45rem;border-radius:.3rem;font-weight:600}
        .s-succeeded{background:#d9f2e3;color:#0a4d24}.s-failed,.s-rolled-back,.s-compensation-failed{background:#fde2e2;color:#7a0f0f}
        .s-awaiting-approval{background:#fff1c2;color:#5c3f00}.s-running,.s-compensating{background:#dde8fb;color:#0b3478}
        .s-pending,.s-skipped,.s-compensated,.s-cancelled{background:#ececec;color:#333}
        .sev-critical,.sev-high{color:#7a0f0f;font-weight:600}.ignored{color:#555;font-style:italic}
        .decide{border:2px solid #5c3f00;background:#fffaf0;padding:.8rem 1rem;margin:1rem 0}
        button{font:inherit;padding:.35rem .9rem;cursor:pointer}button:focus,a:focus,textarea:focus,input:focus,select:focus{outline:3px solid #0b3478;outline-offset:2px}
        .approve{background:#0a4d24;color:#fff;border:0}.reject{background:#7a0f0f;color:#fff;border:0}
        textarea{width:100%;max-width:40rem}.notes{white-space:pre-wrap;border-left:4px solid #ddd;padding-left:.8rem}
        .error{border:2px solid #7a0f0f;background:#fde2e2;color:#7a0f0f;padding:.6rem 1rem}
        nav.pages{display:flex;gap:1rem}
        """;

    public const string Script = """
        (function () {
          var el = document.getElementById('run-status');
          if (!el || !window.EventSource) { return; }
          var source = new EventSource(el.getAttribute('data-events'));
          var seen = el.getAttribute('data-updated');
          source.addEventListener('status', function (e) {
            var d = JSON.parse(e.data);
            el.textContent = d.status;
            el.className = 'status s-' + d.status;
            if (d.updatedAt !== seen) { source.close(); location.reload(); }
          });
        })();
        """;
}
