namespace Slipway.Configuration;

/// <summary><c>[build]</c>: the command that builds once, and the artifacts it must leave (paths from the repository root).</summary>
public sealed record BuildSection(string Command, IReadOnlyList<string> Artifacts)
{
    internal static BuildSection? Read(ConfigTable? table)
    {
        if (table is null)
        {
            return null;
        }

        var command = table.GetRequiredString("command");
        var artifacts = table.GetStringArray("artifacts") ?? [];
        table.EnsureNoUnknownKeys();
        return new BuildSection(command, artifacts);
    }
}
