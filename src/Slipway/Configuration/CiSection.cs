namespace Slipway.Configuration;

/// <summary><c>[ci]</c>: how <c>slipway ci</c> writes a CI engine's workflow for this configuration; <c>[ci.github]</c> for GitHub Actions.</summary>
public sealed record CiSection(CiGitHubSection GitHub)
{
    public static CiSection Default { get; } = new(CiGitHubSection.Default);

    internal static CiSection Read(ConfigTable? table)
    {
        if (table is null)
        {
            return Default;
        }

        var github = CiGitHubSection.Read(table.GetTable("github"));
        table.EnsureNoUnknownKeys();
        return new CiSection(github);
    }
}
