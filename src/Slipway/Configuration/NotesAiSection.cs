using System.Globalization;

namespace Slipway.Configuration;

/// <summary>
/// <c>[notes.ai]</c>: an OpenAI-compatible chat completions endpoint (OpenAI, OpenRouter, Ollama, vLLM, llama.cpp's
/// server) that writes the release narrative. <c>model</c> is required; <c>api-key = "env:NAME"</c> is optional (a
/// local server needs none). <c>diff-budget</c> bounds the diff in the prompt, <c>prompt-cap</c> the whole prompt;
/// <c>noise</c> globs leave files out of the diff, <c>last</c> globs put files (tests, CI, docs) after the others.
/// </summary>
public sealed record NotesAiSection(
    Uri Endpoint,
    string Model,
    Secret? ApiKey,
    double? Temperature,
    int? MaxTokens,
    TimeSpan Timeout,
    string? Prompt,
    int DiffBudget,
    int PromptCap,
    IReadOnlyList<string> Noise,
    IReadOnlyList<string> Last)
{
    public static readonly Uri DefaultEndpoint = new("https://api.openai.com/v1");

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public const int DefaultDiffBudget = 700_000;

    public const int DefaultPromptCap = 750_000;

    /// <summary>Files a reader learns nothing from: lock files, minified and generated assets, SBOMs, snapshots.</summary>
    public static IReadOnlyList<string> DefaultNoise { get; } =
    [
        "*.lock", "package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "packages.lock.json", "go.sum", "composer.lock", "Gemfile.lock",
        "*.min.js", "*.min.css", "*.map", "*.snap", "**/__snapshots__/**", "*.verified.*", "*.received.*",
        "*.spdx.json", "*.cdx.json", "*.sbom.json", "sbom.json", "**/_build/**", "docs/api/**", "**/generated/**",
    ];

    /// <summary>Files shown after the source and the other files: tests, CI and docs.</summary>
    public static IReadOnlyList<string> DefaultLast { get; } =
    [
        "test/**", "tests/**", "**/test/**", "**/tests/**", "**/*Tests/**", "**/*.Tests/**", "*_test.*", "*.test.*", "*.spec.*", "test_*.py",
        ".github/**", ".gitlab-ci.yml", ".circleci/**", "azure-pipelines.yml", "Jenkinsfile",
        "docs/**", "doc/**", "*.md", "*.rst", "*.txt",
    ];

    internal static NotesAiSection? Read(ConfigTable? table)
    {
        if (table is null)
        {
            return null;
        }

        var endpointText = table.GetString("endpoint");
        var endpoint = DefaultEndpoint;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https") || endpoint.UserInfo.Length > 0))
        {
            throw table.Invalid("endpoint", $"is '{endpointText}'; write the base URL of an OpenAI-compatible API, for example \"http://127.0.0.1:11434/v1\"");
        }

        var model = table.GetRequiredString("model");
        if (model.Trim().Length == 0)
        {
            throw table.Invalid("model", "must not be empty");
        }

        var apiKey = table.GetSecret("api-key");
        double? temperature = table.GetRaw("temperature") switch
        {
            null => null,
            double d => d,
            long l => l,
            var other => throw table.WrongType("temperature", "a number", other),
        };
        if (temperature is < 0 or > 2)
        {
            throw table.Invalid("temperature", $"is {temperature.Value.ToString(CultureInfo.InvariantCulture)}; it must be between 0 and 2");
        }

        var maxTokens = Positive(table, "max-tokens", null, int.MaxValue);
        var timeout = DefaultTimeout;
        if (table.GetString("timeout") is { } timeoutText && !StateSection.TryParseLease(timeoutText, out timeout))
        {
            throw table.Invalid("timeout", $"is '{timeoutText}'; write a duration in seconds or minutes, for example \"60s\" or \"2m\"");
        }

        var prompt = table.GetString("prompt");
        if (prompt is not null && prompt.Trim().Length == 0)
        {
            throw table.Invalid("prompt", "must not be empty (leave it out for the built-in prompt)");
        }

        var promptCap = Positive(table, "prompt-cap", DefaultPromptCap, 100_000_000)!.Value;
        var diffBudget = Positive(table, "diff-budget", Math.Min(DefaultDiffBudget, promptCap), promptCap)!.Value;
        var noise = table.GetStringArray("noise") ?? DefaultNoise;
        var last = table.GetStringArray("last") ?? DefaultLast;
        table.EnsureNoUnknownKeys();
        return new NotesAiSection(endpoint, model, apiKey, temperature, maxTokens, timeout, prompt, diffBudget, promptCap, noise, last);
    }

    private static int? Positive(ConfigTable table, string key, int? fallback, int max)
    {
        var value = table.GetInteger(key);
        if (value is null)
        {
            return fallback;
        }

        if (value < 1 || value > max)
        {
            throw table.Invalid(key, $"is {value}; it must be between 1 and {max.ToString(CultureInfo.InvariantCulture)}");
        }

        return (int)value.Value;
    }
}
