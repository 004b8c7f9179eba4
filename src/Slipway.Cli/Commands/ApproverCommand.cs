using System.CommandLine;
using Slipway.Cli.Web;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.State;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway approver token NAME [--expires 30d] [--json]</c>, <c>approver revoke NAME|ID</c>, <c>approver list</c>:
/// the personal access tokens approvers sign in to <c>slipway serve</c> with. A token is printed once and stored hashed.
/// </summary>
internal static class ApproverCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("approver", "Issue, list and revoke the tokens approvers sign in to 'slipway serve' with.");
        command.Subcommands.Add(Token(host));
        command.Subcommands.Add(Revoke(host));
        command.Subcommands.Add(List(host));
        return command;
    }

    private static Command Token(CliHost host)
    {
        var json = GlobalOptions.Json();
        var name = new Argument<string>("NAME") { Description = "The approver (one the approval policy lists: [approval] approvers or CODEOWNERS)." };
        var expires = new Option<string?>("--expires") { Description = "How long the token is valid: 30d (default), 12h, 90m; at most 365d.", HelpName = "LIFETIME" };
        var command = new Command("token", "Issue a personal access token for an approver; it is printed once and only its hash is stored.") { name, expires, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = parse.GetValue(expires);
            TimeSpan? lifetime = TokenLifetime.Default;
            if (given is not null && !TokenLifetime.TryParse(given, out lifetime))
            {
                throw WebErrors.LifetimeInvalid(given);
            }

            var context = new CommandContext(host, parse);
            var config = context.LoadConfig(Git.GitRepository.FindWorkingDirectory(context.Directory));
            var approver = parse.GetValue(name)!.TrimStart('@');
            ApproverPolicy.For(config).EnsureMayApprove(approver);
            using var journal = RunJournalFactory.Open(config.State, host.Environment, host.Redactor, host.Time);
            var secret = ApproverSecret.New(ApproverSecret.TokenPrefix);
            var token = await ApproverStores.Of(journal).AddTokenAsync(approver, ApproverSecret.Hash(secret), host.Time.GetUtcNow() + lifetime!.Value, cancellationToken);

            // The one place the secret is shown: printed, never registered with the redactor (it would mask itself).
            if (parse.GetValue(json))
            {
                JsonOutput.Write(host.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("token", secret);
                    writer.WriteString("id", token.Id);
                    writer.WriteString("name", token.Name);
                    writer.WriteString("expires", token.Expires);
                    writer.WriteEndObject();
                });
            }
            else
            {
                host.Out.WriteLine(secret);
                host.Err.WriteLine($"token {token.Id} for {token.Name}, valid until {token.Expires:u}; it is shown only now");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CliHost host)
    {
        var target = new Argument<string>("NAME|ID") { Description = "An approver (every token of theirs) or one token's id." };
        var command = new Command("revoke", "Revoke an approver's tokens (or one token by id) and end the sessions signed in with them.") { target };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var config = context.LoadConfig(Git.GitRepository.FindWorkingDirectory(context.Directory));
            using var journal = RunJournalFactory.Open(config.State, host.Environment, host.Redactor, host.Time);
            var which = parse.GetValue(target)!.TrimStart('@');
            var revoked = await ApproverStores.Of(journal).RevokeAsync(which, cancellationToken);
            if (revoked == 0)
            {
                throw WebErrors.TokenUnknown(which);
            }

            host.Out.WriteLine($"revoked {revoked} token{(revoked == 1 ? string.Empty : "s")} of {which}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliHost host)
    {
        var json = GlobalOptions.Json();
        var command = new Command("list", "List the tokens issued (ids, approvers, expiry; never the secrets).") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var config = context.LoadConfig(Git.GitRepository.FindWorkingDirectory(context.Directory));
            using var journal = RunJournalFactory.Open(config.State, host.Environment, host.Redactor, host.Time);
            var tokens = await ApproverStores.Of(journal).TokensAsync(cancellationToken);
            var now = host.Time.GetUtcNow();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(host.Out, writer =>
                {
                    writer.WriteStartArray();
                    foreach (var token in tokens)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", token.Id);
                        writer.WriteString("name", token.Name);
                        writer.WriteString("expires", token.Expires);
                        writer.WriteString("state", State(token, now));
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                });
            }
            else
            {
                foreach (var token in tokens)
                {
                    host.Out.WriteLine($"{token.Id}  {token.Name}  {State(token, now)}  until {token.Expires:u}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string State(ApproverToken token, DateTimeOffset now) =>
        token.RevokedAt is not null ? "revoked" : token.Expires <= now ? "expired" : "live";
}
