using System.CommandLine;
using System.Net;
using Slipway.Cli.Web;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway serve [--listen 127.0.0.1:8080] [--base-path /slipway] [--tls-cert FILE --tls-key FILE] [--insecure-http]
/// [--trust-header X-Forwarded-User --trusted-proxy ADDRESS...] [--worker]</c>: the approval page over the journal.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliHost host)
    {
        var listen = new Option<string>("--listen") { Description = "ADDRESS:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one).", HelpName = "ADDRESS:PORT", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var basePath = new Option<string?>("--base-path") { Description = "Serve under this path (behind a proxy), for example /slipway.", HelpName = "PATH" };
        var cert = new Option<string?>("--tls-cert") { Description = "Serve HTTPS with this PEM certificate (needed on a non-loopback address).", HelpName = "FILE" };
        var key = new Option<string?>("--tls-key") { Description = "The PEM private key of --tls-cert.", HelpName = "FILE" };
        var insecure = new Option<bool>("--insecure-http") { Description = "Allow plain HTTP on a non-loopback address (behind a TLS-terminating proxy only)." };
        var header = new Option<string?>("--trust-header") { Description = "Believe this header's user name (oauth2-proxy's X-Forwarded-User), only from --trusted-proxy addresses.", HelpName = "NAME" };
        var proxies = new Option<string[]>("--trusted-proxy") { Description = "An address the --trust-header proxy connects from (repeatable).", HelpName = "ADDRESS", AllowMultipleArgumentsPerToken = false };
        var worker = new Option<bool>("--worker") { Description = "Also run the ready steps of open runs (what a waiting 'slipway release' would do after approval)." };
        var command = new Command("serve", "Serve the approval page and its JSON API over the run journal.") { listen, basePath, cert, key, insecure, header, proxies, worker };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = Settings(host, parse.GetValue(listen)!, parse.GetValue(basePath), parse.GetValue(cert), parse.GetValue(key), parse.GetValue(insecure), parse.GetValue(header), parse.GetValue(proxies) ?? []);
            var context = new CommandContext(host, parse);
            var root = Git.GitRepository.FindWorkingDirectory(context.Directory);
            var config = context.LoadConfig(root);
            using var journal = RunJournalFactory.Open(config.State, host.Environment, host.Redactor, host.Time);
            await using var server = await ApprovalServer.StartAsync(settings, () => context.LoadConfig(root), journal, host.Time, cancellationToken);
            host.Out.WriteLine($"slipway serve: {server.Address}/");
            await host.Out.FlushAsync(cancellationToken);
            var work = parse.GetValue(worker) ? RunWorkerAsync(host, parse, cancellationToken) : Task.CompletedTask;
            try
            {
                await server.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            await work;
            return ExitCodes.Success;
        });
        return command;
    }

    internal static ServeSettings Settings(CliHost host, string listen, string? basePath, string? cert, string? key, bool insecure, string? header, IReadOnlyList<string> proxies)
    {
        var text = listen.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + listen["localhost".Length..] : listen;
        if (!IPEndPoint.TryParse(text, out var endpoint) || !text.Contains(':', StringComparison.Ordinal))
        {
            throw WebErrors.ListenInvalid(listen);
        }

        if (!IPAddress.IsLoopback(endpoint.Address) && cert is null)
        {
            if (!insecure)
            {
                throw WebErrors.ListenInsecure(listen);
            }

            host.Err.WriteLine($"slipway: warning: serving plain HTTP on {listen}: tokens and session cookies cross the network unencrypted unless a TLS proxy is in front");
        }

        var path = (basePath ?? string.Empty).TrimEnd('/');
        if (path.Length > 0 && (!path.StartsWith('/') || path.Contains("//", StringComparison.Ordinal) || path.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.'))))
        {
            throw WebErrors.BasePathInvalid(basePath!);
        }

        if (header is null != (proxies.Count == 0))
        {
            throw WebErrors.TrustedProxyInvalid(header is null ? "--trusted-proxy needs --trust-header" : "--trust-header needs at least one --trusted-proxy address");
        }

        var addresses = new List<IPAddress>();
        foreach (var proxy in proxies)
        {
            addresses.Add(IPAddress.TryParse(proxy, out var address) ? address : throw WebErrors.TrustedProxyInvalid($"--trusted-proxy '{proxy}' is not an IP address"));
        }

        return new ServeSettings(endpoint, path, cert, key, header, addresses);
    }

    /// <summary>Runs the ready steps of every open run, one at a time, until cancelled; failures are reported and the loop goes on.</summary>
    private static async Task RunWorkerAsync(CliHost host, ParseResult parse, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var support = RunCommandSupport.Open(host, parse, json: false);
                var catalog = ApproverStores.CatalogOf(support.Journal);
                foreach (var status in new[] { RunStatus.AwaitingApproval, RunStatus.Running })
                {
                    foreach (var summary in (await catalog.ListRunsAsync(new RunQuery(support.Config.Project.Name, status, 0, 20), cancellationToken)).Runs)
                    {
                        if (summary.Run.Open && (status == RunStatus.Running || summary.DecisionKind is not null))
                        {
                            await support.Session.StepAsync(summary.Run.Id, null, new RunInvocation(), cancellationToken);
                        }
                    }
                }
            }
            catch (SlipwayException e)
            {
                host.Err.WriteLine($"slipway serve --worker: {e.CodeText}: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), host.Time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
