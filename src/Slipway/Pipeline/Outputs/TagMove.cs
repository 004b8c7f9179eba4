using System.Text.Json.Serialization;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// One tag this run pointed at <see cref="Digest"/>, with the digest it named before (null when it did not exist):
/// what a step journals (first as progress, before the move) so the move can be undone precisely.
/// </summary>
public sealed record TagMove(string Repository, string Tag, string Digest, [property: JsonPropertyName("previous")] string? PreviousDigest);
