namespace Slipway.Diagnostics;

public sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string> variables) : IEnvironment
{
    public DictionaryEnvironment()
        : this(new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }

    public string? GetVariable(string name) => variables.TryGetValue(name, out var value) ? value : null;
}
