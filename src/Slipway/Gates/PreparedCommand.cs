namespace Slipway.Gates;

/// <summary>A command line ready for the shell, with the environment variables that carry the same values to it.</summary>
public sealed record PreparedCommand(string Text, IReadOnlyDictionary<string, string> Environment);
