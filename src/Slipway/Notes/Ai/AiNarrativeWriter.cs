using Slipway.Configuration;

namespace Slipway.Notes.Ai;

/// <summary>
/// The <c>[notes.ai]</c> narrative: builds the prompt (diff within its budget, whole prompt within its cap), asks the
/// chat completions endpoint, and accepts the answer only when the reference guard passes. Every failure — no key,
/// an unreachable endpoint, a timeout, an HTTP error, an empty answer, an invented reference — is one warning and no
/// narrative.
/// </summary>
public sealed class AiNarrativeWriter(NotesAiSection settings, string workingDirectory, string? apiKey, string? missingKey, string? repository, HttpMessageHandler? handler = null)
    : INarrativeWriter, IDisposable
{
    private readonly ChatCompletionClient _client = new(settings.Endpoint, apiKey, settings.Timeout, handler);

    public async Task<Narrative> WriteAsync(NarrativeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (missingKey is not null)
        {
            return Narrative.Dropped(settings.Model, null, missingKey);
        }

        DiffSection diff;
        try
        {
            diff = await new DiffBudget(workingDirectory, settings.Noise, settings.Last).CollectAsync(input.Range.PreviousTag, input.Range.Commit, settings.DiffBudget, cancellationToken);
        }
        catch (Diagnostics.SlipwayException e)
        {
            return Narrative.Dropped(settings.Model, null, $"the diff could not be read: {e.Message}");
        }

        var prompt = NarrativePrompt.Build(settings.Prompt, input, diff.Text, settings.PromptCap);
        var request = new ChatRequest(
            settings.Model,
            [new ChatMessage("system", prompt.Instructions), new ChatMessage("user", prompt.Input)],
            settings.Temperature,
            settings.MaxTokens,
            Stream: false);
        var outcome = await _client.CompleteAsync(request, cancellationToken);
        if (outcome.Text is not { } text)
        {
            return Narrative.Dropped(settings.Model, prompt.Hash, outcome.Failure ?? "no answer");
        }

        var invented = ReferenceGuard.Invented(text, prompt.Input, repository);
        if (invented.Count > 0)
        {
            return Narrative.Dropped(settings.Model, prompt.Hash, $"it cites {string.Join(", ", invented)}, which the model was not given (an invented reference)");
        }

        return new Narrative(text, settings.Model, prompt.Hash, null);
    }

    public void Dispose() => _client.Dispose();
}
