using Slipway.Diagnostics;

namespace Slipway.Configuration;

/// <summary>
/// A secret setting: either written literally or, as it should be, <c>env:NAME</c>. It is resolved only when used, so
/// a command that never needs the token does not require it to be set. Binding it (<see cref="ConfigTable.GetSecret"/>)
/// registers its value with the redactor when it is set, and the configuration keeps every secret it bound
/// (<see cref="SlipwayConfig.Secrets"/>), so a new secret-bearing key is masked without being listed anywhere.
/// </summary>
public sealed record Secret(string? Literal, string? Variable, SourceLocation Location, string Path)
{
    /// <summary>Whether a value written literally is secret too; a gate's literal env value (<c>CI=true</c>) is a plain setting.</summary>
    public bool LiteralIsSecret { get; init; } = true;

    /// <summary>What the value is also sent behind: <c>user:</c> in a Basic header (its base64 matches neither part alone).</summary>
    public string? SentAfter { get; init; }

    /// <summary>The value is a PEM key: each of its lines is masked, since a log shows a key line by line.</summary>
    public bool Pem { get; init; }

    public string Resolve(IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);
        var value = Variable is null ? Literal : environment.GetVariable(Variable);
        if (value is null)
        {
            throw ConfigErrors.EnvironmentMissing(Location, Path, Variable!);
        }

        Register(value, redactor);
        return value;
    }

    /// <summary>Registers the value, when it is set and secret, in every form it takes; an unset variable registers nothing.</summary>
    public void Register(IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);
        var value = Variable is null ? (LiteralIsSecret ? Literal : null) : environment.GetVariable(Variable);
        if (value is not null)
        {
            Register(value, redactor);
        }
    }

    public override string ToString() => Variable is null ? SecretRedactor.Mask : $"env:{Variable}";

    private void Register(string value, SecretRedactor redactor)
    {
        if (Pem)
        {
            foreach (var line in value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!line.StartsWith("-----", StringComparison.Ordinal))
                {
                    redactor.Register(line);
                }
            }
        }
        else
        {
            redactor.Register(value);
        }

        if (SentAfter is { } prefix)
        {
            redactor.Register(prefix + value);
        }
    }
}
