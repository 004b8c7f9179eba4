using Slipway.Diagnostics;

namespace Slipway.Notes;

/// <summary>Something the notes left out or cut, said once: the release goes on.</summary>
public sealed record NotesWarning(ErrorCode Code, string Message)
{
    public override string ToString() => $"{SlipwayException.FormatCode(Code)}: {Message}";
}
