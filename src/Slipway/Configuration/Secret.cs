using Slipway.Diagnostics;

namespace Slipway.Configuration;

/// <summary>
/// A secret setting: either written literally or, as it should be, <c>env:NAME</c>. It is resolved
/// only when used, so a command that never needs the token does not require it to be set, and the
/// resolved value is registered with the redactor before anyone can print it.
/// </summary>
public sealed record Secret(string? Literal, string? Variable, SourceLocation Location, string Path)
{
    public string Resolve(IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);
        var value = Variable is null ? Literal : environment.GetVariable(Variable);
        if (value is null)
        {
            throw ConfigErrors.EnvironmentMissing(Location, Path, Variable!);
        }

        redactor.Register(value);
        return value;
    }

    public override string ToString() => Variable is null ? SecretRedactor.Mask : $"env:{Variable}";
}
