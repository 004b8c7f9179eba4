using System.Text.Json;
using Slipway.Notes.Ai;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Llm;

namespace Slipway.IntegrationTests.Notes;

/// <summary>The <c>[notes.ai]</c> narrative against an OpenAI-compatible endpoint with scripted replies, through <c>slipway notes</c>.</summary>
public sealed class NarrativeTests : IDisposable
{
    private const string ApiKey = "sk-test-0123456789abcdef";

    private const string Config = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '(?<version>.+)' }

        """;

    private const string Narrative = "## Widgets arrive\n\nYou can now add widgets (#3), and the frobnicator works again (#4).\n";

    private readonly GitTestRepository _repository = GitTestRepository.Init();

    public NarrativeTests()
    {
        _repository.Git("config", "user.name", "Slipway Tests");
        _repository.Git("config", "user.email", "tests@slipway.invalid");
        _repository.Commit("initial", ("slipway.toml", Config), ("VERSION", "1.0.0\n"), ("src/app.cs", "class App {}\n"));
        _repository.Tag("v1.0.0", "1.0.0");
        _repository.Commit("feat: add widgets (#3)\n\nWidgets are small things.", ("src/widget.cs", "class Widget { int Size = 3; }\n"), ("package-lock.json", "{ \"lockfileVersion\": 3, \"secretive\": \"LOCKNOISE\" }\n"));
        _repository.Commit("fix: repair the frobnicator (#4)", ("src/app.cs", "class App { void Frobnicate() {} }\n"), ("VERSION", "1.1.0\n"));
    }

    public void Dispose() => _repository.Dispose();

    private void Configure(ChatCompletionsEndpoint endpoint, string extra = "") =>
        _repository.Write("slipway.toml", Config + $"""

            [notes.ai]
            endpoint = "{endpoint.Endpoint}"
            model = "narrator-1"
            api-key = "env:NOTES_KEY"
            temperature = 0.3
            max-tokens = 800
            timeout = "2s"
            {extra}
            """);

    private Task<CliResult> Notes(params string[] args) =>
        CliRunner.RunAsync(_repository.Path, new Dictionary<string, string> { ["NOTES_KEY"] = ApiKey }, ["notes", "--json", .. args]);

    private static JsonElement Json(CliResult result) => JsonDocument.Parse(result.Out).RootElement;

    [Fact]
    public async Task An_accepted_narrative_opens_the_body_and_the_request_carries_every_section()
    {
        using var endpoint = new ChatCompletionsEndpoint(ScriptedReply.Completion(Narrative));
        Configure(endpoint, "diff-budget = 5000");

        var result = await Notes();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Err);
        var json = Json(result);
        var body = json.GetProperty("body").GetString()!;
        Assert.StartsWith("demo 1.1.0\n\n" + Narrative.TrimEnd() + "\n\n---\n\n## Pull requests\n", body, StringComparison.Ordinal);
        Assert.Equal(Narrative.TrimEnd(), json.GetProperty("sections").GetProperty("narrative").GetString());
        Assert.Equal("narrator-1", json.GetProperty("model").GetString());
        Assert.Matches("^sha256:[0-9a-f]{64}$", json.GetProperty("promptHash").GetString()!);
        Assert.DoesNotContain(ApiKey, result.Out, StringComparison.Ordinal);

        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
        Assert.Equal("narrator-1", request.Model);
        Assert.Equal(0.3, request.Json.GetProperty("temperature").GetDouble());
        Assert.Equal(800, request.Json.GetProperty("max_tokens").GetInt32());
        Assert.False(request.Json.GetProperty("stream").GetBoolean());
        Assert.Equal(NarrativePrompt.DefaultInstructions, request.Message("system"));
        var input = request.Message("user");
        Assert.Contains("# Hand-written notes\n\n(none)\n", input, StringComparison.Ordinal);
        Assert.Contains("# Pull requests\n\n## Pull requests\n\n### Features\n\n- add widgets (#3)", input, StringComparison.Ordinal);
        Assert.Contains("## #3: feat: add widgets\n\nWidgets are small things.", input, StringComparison.Ordinal);
        var diff = input[input.IndexOf("# Diff since v1.0.0\n\n", StringComparison.Ordinal)..];
        Assert.True(diff.Length <= 5000 + "# Diff since v1.0.0\n\n".Length, $"{diff.Length} characters");
        Assert.Contains("+class Widget { int Size = 3; }", diff, StringComparison.Ordinal);
        Assert.Contains(" package-lock.json | +1 -0\n", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("LOCKNOISE", input, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_content_falls_back_to_the_reasoning()
    {
        using var endpoint = new ChatCompletionsEndpoint(ScriptedReply.Completion(string.Empty, reasoning: Narrative));
        Configure(endpoint);

        var result = await Notes();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Narrative.TrimEnd(), Json(result).GetProperty("sections").GetProperty("narrative").GetString());
    }

    [Fact]
    public async Task A_reply_citing_a_pull_request_absent_from_the_input_is_dropped_naming_it()
    {
        using var endpoint = new ChatCompletionsEndpoint(ScriptedReply.Completion("## Big news\n\nWidgets (#3) and a rewrite (#999)."));
        Configure(endpoint);

        var result = await Notes();

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = Json(result);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("sections").GetProperty("narrative").ValueKind);
        Assert.StartsWith("demo 1.1.0\n\n## Pull requests\n", json.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Big news", json.GetProperty("body").GetString(), StringComparison.Ordinal);
        var warning = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("slipway: warning SLW7110: the release narrative was left out: it cites #999, which the model was not given (an invented reference)", warning);
        Assert.Equal("narrator-1", json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task A_timeout_is_one_warning_and_the_notes_go_on()
    {
        using var endpoint = new ChatCompletionsEndpoint(ScriptedReply.Slow(TimeSpan.FromSeconds(6)));
        Configure(endpoint);

        var result = await Notes();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"slipway: warning SLW7110: the release narrative was left out: POST {endpoint.Endpoint}/chat/completions did not answer within 2s\n", result.Err);
        Assert.Contains("(#4)", Json(result).GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_one_warning_with_the_status_and_message()
    {
        using var endpoint = new ChatCompletionsEndpoint(ScriptedReply.Error(500, "model overloaded"));
        Configure(endpoint);

        var result = await Notes();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"slipway: warning SLW7110: the release narrative was left out: POST {endpoint.Endpoint}/chat/completions returned 500 Internal Server Error: model overloaded\n", result.Err);
        Assert.Equal(JsonValueKind.Null, Json(result).GetProperty("sections").GetProperty("narrative").ValueKind);
    }

    [Fact]
    public async Task A_missing_key_asks_nothing_and_warns()
    {
        using var endpoint = new ChatCompletionsEndpoint(ScriptedReply.Completion(Narrative));
        Configure(endpoint);

        var result = await CliRunner.RunAsync(_repository.Path, "notes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("slipway: warning SLW7110: the release narrative was left out: [notes.ai] api-key names NOTES_KEY, which is not set\n", result.Err);
        Assert.Empty(endpoint.Requests);
    }

    [Fact]
    public async Task The_whole_prompt_is_capped_with_a_marker()
    {
        using var endpoint = new ChatCompletionsEndpoint(ScriptedReply.Completion(Narrative));
        Configure(endpoint, "prompt-cap = 700\ndiff-budget = 700\nprompt = \"Summarise.\"");

        var result = await Notes();

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("Summarise.", request.Message("system"));
        var input = request.Message("user");
        Assert.True(input.Length + "Summarise.".Length <= 700, $"{input.Length} characters");
        Assert.EndsWith(NarrativePrompt.CutMarker + "\n", input, StringComparison.Ordinal);
    }
}
