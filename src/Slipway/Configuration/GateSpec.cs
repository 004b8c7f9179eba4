namespace Slipway.Configuration;

/// <summary>
/// One <c>[[gate]]</c>: a command run from the repository root whose non-zero exit fails the release. <c>env</c> passes
/// variables to it; a value <c>env:NAME</c> is a secret, masked wherever the gate's output goes.
/// </summary>
public sealed record GateSpec(string Name, string Command, IReadOnlyDictionary<string, Secret> Environment)
{
    internal static IReadOnlyList<GateSpec> ReadAll(ConfigTable root)
    {
        var gates = new List<GateSpec>();
        foreach (var table in root.GetTableArray("gate"))
        {
            var name = table.GetRequiredString("name");
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                // The name becomes a log file name under .slipway/.
                throw table.Invalid("name", $"must be letters, digits, '-', '_' or '.' (it is '{name}')");
            }

            if (gates.Any(g => g.Name == name))
            {
                throw table.Invalid("name", $"'{name}' is already the name of another gate");
            }

            var command = table.GetRequiredString("command");
            var environment = new Dictionary<string, Secret>(StringComparer.Ordinal);
            if (table.GetTable("env") is { } variables)
            {
                foreach (var key in variables.Keys)
                {
                    // A literal value is a setting like CI=true; only env:NAME values are secrets.
                    environment[key] = variables.GetSecret(key, s => s with { LiteralIsSecret = false })!;
                }
            }

            table.EnsureNoUnknownKeys();
            gates.Add(new GateSpec(name, command, environment));
        }

        return gates;
    }
}
