using Slipway.Versioning;

namespace Slipway.Notes;

/// <summary>
/// Everything the release body is composed from, the same for <c>slipway notes</c> and the compose-notes step: the
/// version and its tag, the built commit, the hand-written notes (the rendered fragments, or null), the forge, and the
/// verify commands of the signed images (null when nothing is signed).
/// </summary>
public sealed record NotesRequest(ProjectVersion Version, string Tag, string Commit, string? HandWritten, string ForgeKind, VerifyInstructions? Verify = null);
