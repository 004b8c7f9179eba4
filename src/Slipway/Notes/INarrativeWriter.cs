namespace Slipway.Notes;

/// <summary>
/// Writes the release narrative (<c>[notes.ai]</c>). It never fails the release: every failure comes back as a
/// <see cref="Narrative"/> without text and with one warning.
/// </summary>
public interface INarrativeWriter
{
    Task<Narrative> WriteAsync(NarrativeInput input, CancellationToken cancellationToken);
}
