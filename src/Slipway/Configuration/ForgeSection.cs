namespace Slipway.Configuration;

/// <summary><c>[forge]</c>: where the public release is created. <c>git</c> pushes an annotated tag to <c>remote</c>.</summary>
public sealed record ForgeSection(string Kind, string Remote)
{
    public const string GitKind = "git";

    private static readonly string[] Kinds = [GitKind];

    internal static ForgeSection Read(ConfigTable? table, ProjectSection project)
    {
        if (table is null)
        {
            return new ForgeSection(GitKind, project.Remote);
        }

        var kind = table.GetString("kind") ?? GitKind;
        if (!Kinds.Contains(kind))
        {
            throw table.Invalid("kind", $"is '{kind}'; known forges: {string.Join(", ", Kinds)}");
        }

        var remote = table.GetString("remote") ?? project.Remote;
        table.EnsureNoUnknownKeys();
        return new ForgeSection(kind, remote);
    }
}
