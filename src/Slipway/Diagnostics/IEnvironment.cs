namespace Slipway.Diagnostics;

/// <summary>The process environment, injected so tests need no global state.</summary>
public interface IEnvironment
{
    string? GetVariable(string name);
}
