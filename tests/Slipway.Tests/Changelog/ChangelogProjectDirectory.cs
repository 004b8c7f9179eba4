using Slipway.Tests.Infra;

namespace Slipway.Tests.Changelog;

/// <summary>A temp project configured for the changelog through towncrier.toml, with helpers to add fragments and run commands.</summary>
internal sealed class ChangelogProjectDirectory : IDisposable
{
    public const string DefaultConfig = """
        [tool.towncrier]
        name = "demo"
        directory = "changelog.d"
        filename = "CHANGELOG.md"
        """;

    public ChangelogProjectDirectory(string config = DefaultConfig, string configFile = "towncrier.toml", bool createDirectory = true)
    {
        Directory = new TempDirectory("changelog");
        Directory.Write(configFile, config + "\n");
        if (createDirectory)
        {
            System.IO.Directory.CreateDirectory(Directory["changelog.d"]);
        }
    }

    public TempDirectory Directory { get; }

    public string Path => Directory.Path;

    public ChangelogProjectDirectory Fragment(string name, string content)
    {
        Directory.Write(System.IO.Path.Combine("changelog.d", name), content);
        return this;
    }

    public Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(Path, ["changelog", .. args]);

    public Task<CliResult> Draft(params string[] args) => Run(["draft", "--version", "1.2.3", "--date", "2026-11-26", .. args]);

    public Task<CliResult> Build(params string[] args) => Run(["build", "--version", "1.2.3", "--date", "2026-11-26", .. args]);

    public void Dispose() => Directory.Dispose();
}
