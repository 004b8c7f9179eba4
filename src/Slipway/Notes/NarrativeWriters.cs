using System.Text.RegularExpressions;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Notes.Ai;

namespace Slipway.Notes;

/// <summary>The narrative writer <c>[notes.ai]</c> configures, or null without it (or with <c>--no-ai</c>).</summary>
public static partial class NarrativeWriters
{
    public static AiNarrativeWriter? Create(SlipwayConfig config, IEnvironment environment, SecretRedactor redactor, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        if (config.Notes.Ai is not { } ai)
        {
            return null;
        }

        string? key = null;
        string? missing = null;
        if (ai.ApiKey is { } secret)
        {
            if (secret.Variable is { } variable && environment.GetVariable(variable) is null)
            {
                missing = $"[notes.ai] api-key names {variable}, which is not set";
            }
            else
            {
                key = secret.Resolve(environment, redactor);
            }
        }

        return new AiNarrativeWriter(ai, config.RootDirectory, key, missing, Repository(config), handler);
    }

    // owner/name from the remote's URL (https://host/owner/name.git, git@host:owner/name.git), for the guard's URLs.
    private static string? Repository(SlipwayConfig config)
    {
        try
        {
            var url = GitStream.ReadAsync(config.RootDirectory, ["remote", "get-url", config.Forge.Remote], 4096, CancellationToken.None).GetAwaiter().GetResult().Trim();
            var match = RemoteRepository().Match(url);
            return match.Success ? match.Groups["repo"].Value : null;
        }
        catch (SlipwayException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"[/:](?<repo>[^/:\s]+/[^/\s]+?)(?:\.git)?/?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RemoteRepository();
}
