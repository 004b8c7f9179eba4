namespace Slipway.Configuration;

/// <summary>A position in a configuration file, printed as <c>file:line:col</c> (1-based).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
