using Slipway.Tests.Infra;
using Slipway.Tests.Infra.GitHub;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// Points a test project's <c>[forge]</c> at a local GitHub endpoint (token from <c>GITHUB_TOKEN</c>), with extra
/// <c>[forge]</c> keys, tables appended after it and any other edit of the configuration, then commits and pushes it.
/// </summary>
internal static class GitHubForgeSetup
{
    public static void Apply(GitTestRepository repository, LocalGitHub github, string forgeKeys = "", string tables = "", Func<string, string>? edit = null)
    {
        var config = Path.Combine(repository.Path, "slipway.toml");
        var text = File.ReadAllText(config).Replace(
            "kind = \"git\"\nremote = \"origin\"",
            $"kind = \"github\"\nremote = \"origin\"\nrepository = \"{github.Owner}/{github.Name}\"\napi-url = \"{github.BaseUri}\"\nupload-url = \"{github.BaseUri}\"\ntoken = \"env:GITHUB_TOKEN\"{forgeKeys}",
            StringComparison.Ordinal);
        Assert.Contains("kind = \"github\"", text, StringComparison.Ordinal);
        text = (edit ?? (t => t))(text) + tables;
        File.WriteAllText(config, text);
        repository.Git("add", "-A");
        repository.Git("commit", "-qm", "Release through GitHub");
        repository.Git("push", "-q", "origin", "main");
    }
}
