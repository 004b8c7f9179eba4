using System.CommandLine;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Cli.Commands;

/// <summary>
/// The options every <c>image</c> command takes for reaching registries, and the client they build: credentials from
/// the flags, then <c>[[registry]]</c> in slipway.toml (when there is one), then Docker's config.json.
/// </summary>
internal static class RegistryAccess
{
    public static Option<string?> Username { get; } = new("--username")
    {
        Description = "User name for the registries this command touches.",
        Recursive = true,
    };

    public static Option<string?> Password { get; } = new("--password")
    {
        Description = "env:NAME: the password or token, read from environment variable NAME (the value itself is refused: a command line is visible to every user).",
        HelpName = "env:NAME",
        Recursive = true,
    };

    public static Option<bool> PasswordStdin { get; } = new("--password-stdin")
    {
        Description = "Read the password or token from standard input (one trailing newline is dropped).",
        Recursive = true,
    };

    public static Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "Allow plain HTTP to the registries this command touches (always allowed for localhost and 127.0.0.0/8).",
        Recursive = true,
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Username);
        command.Options.Add(Password);
        command.Options.Add(PasswordStdin);
        command.Options.Add(Insecure);
    }

    /// <summary>Refuses <c>--password VALUE</c> before the command runs at all: it is already visible in the process list.</summary>
    public static void RefuseLiteralPassword(ParseResult parse)
    {
        if (parse.GetResult(Password)?.GetValueOrDefault<string?>() is { } value && !value.StartsWith("env:", StringComparison.Ordinal))
        {
            throw CliErrors.LiteralPassword("--password");
        }
    }

    public static RegistryClient CreateClient(CommandContext context, ParseResult parse, params ImageReference[] references)
    {
        var host = context.Host;
        var registries = LoadRegistries(context);
        var first = new List<ICredentialProvider>();
        var username = parse.GetValue(Username);
        var password = parse.GetValue(Password);
        var fromStdin = parse.GetValue(PasswordStdin);
        if (password is not null && fromStdin)
        {
            throw SlipwayException.Input(ErrorCode.InvalidUsage, "--password and --password-stdin exclude each other");
        }

        if ((username is null) != (password is null && !fromStdin))
        {
            throw SlipwayException.Input(ErrorCode.InvalidUsage, "--username and --password (or --password-stdin) go together");
        }

        if (username is not null)
        {
            var secret = fromStdin ? ReadPasswordFromInput(host) : ResolvePassword(password!, host);

            // The Basic Authorization header is base64("user:password"), which matches neither part alone.
            host.Redactor.Register($"{username}:{secret}");
            var explicitCredentials = references.Select(r => r.Registry).Distinct()
                .ToDictionary(r => r, _ => new RegistryCredentials(username, secret));
            first.Add(new StaticCredentialProvider(explicitCredentials));
        }

        return ConfiguredRegistryClient.Create(
            registries,
            host.Environment,
            host.Redactor,
            host.Time,
            first,
            parse.GetValue(Insecure) ? references.Select(r => r.Registry) : null);
    }

    public static ImageReference ParseReference(string text) => ImageReference.Parse(text);

    private static string ResolvePassword(string value, CliHost host)
    {
        if (!value.StartsWith("env:", StringComparison.Ordinal))
        {
            throw CliErrors.LiteralPassword("--password");
        }

        var name = value[4..];
        var secret = host.Environment.GetVariable(name)
            ?? throw SlipwayException.Input(ErrorCode.InvalidUsage, $"--password reads environment variable {name}, which is not set");
        host.Redactor.Register(secret);
        return secret;
    }

    /// <summary>All of standard input, less one trailing newline, as <c>docker login --password-stdin</c> reads it.</summary>
    private static string ReadPasswordFromInput(CliHost host)
    {
        var secret = host.Input.ReadToEnd();
        secret = secret.EndsWith("\r\n", StringComparison.Ordinal) ? secret[..^2] : secret.EndsWith('\n') ? secret[..^1] : secret;
        if (secret.Length == 0)
        {
            throw CliErrors.PasswordStdinEmpty();
        }

        host.Redactor.Register(secret);
        return secret;
    }

    /// <summary>slipway.toml is optional for image commands: without one, no registry is configured.</summary>
    private static IReadOnlyList<RegistrySection> LoadRegistries(CommandContext context)
    {
        var path = context.ConfigPath();
        return File.Exists(path) || context.HasExplicitConfig ? context.LoadConfig().Registries : [];
    }
}
