using System.CommandLine;
using Slipway.Configuration;
using Slipway.Git;

namespace Slipway.Cli.Commands;

/// <summary>Resolves what a command runs against: the directory (<c>-C</c>), the configuration (<c>--config</c>), the repository.</summary>
internal sealed class CommandContext(CliHost host, ParseResult parse)
{
    private readonly string? _explicitConfig = parse.GetValue(GlobalOptions.Config);

    public CliHost Host => host;

    /// <summary>Whether <c>--config</c> was given: then a missing file is an error even for commands that can run without one.</summary>
    public bool HasExplicitConfig => _explicitConfig is not null;

    public string Directory { get; } = ResolveDirectory(host, parse.GetValue(GlobalOptions.Directory));

    /// <summary>
    /// A path given on the command line (<c>--config</c>, <c>--out</c>, <c>--predicate</c>, <c>--key</c>, a layout, a
    /// <c>--platform</c> directory): <c>-C DIR</c> is "as if started in DIR", so a relative path is relative to DIR, as
    /// git -C does. Every command resolves its path options here and nowhere else.
    /// </summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, Directory);

    /// <summary>How a path is shown: relative to the directory (<c>-C</c>), as the paths the user gave are.</summary>
    public string Shown(string path) => Path.GetRelativePath(Directory, path);

    /// <summary>
    /// <c>--config</c> when given; else <c>slipway.toml</c> in the directory, or at the repository root when run from a
    /// subdirectory. Relative paths inside the configuration are relative to the folder that holds it.
    /// </summary>
    public string ConfigPath(string? repositoryRoot = null)
    {
        if (_explicitConfig is not null)
        {
            return ResolvePath(_explicitConfig);
        }

        var here = Path.Combine(Directory, SlipwayConfig.FileName);
        if (File.Exists(here) || repositoryRoot is null)
        {
            return here;
        }

        var atRoot = Path.Combine(repositoryRoot, SlipwayConfig.FileName);
        return File.Exists(atRoot) ? atRoot : here;
    }

    public SlipwayConfig LoadConfig(string? repositoryRoot = null)
    {
        var path = ConfigPath(repositoryRoot);
        return ConfigLoader.Load(path, Path.GetDirectoryName(path)!, host.Environment, host.Redactor);
    }

    /// <summary>Opens the repository, then its configuration.</summary>
    public (GitRepository Repository, SlipwayConfig Config) OpenProject()
    {
        var repository = GitRepository.Open(Directory);
        try
        {
            return (repository, LoadConfig(repository.WorkingDirectory));
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    private static string ResolveDirectory(CliHost host, string? directory) =>
        directory is null ? host.WorkingDirectory : Path.GetFullPath(Path.Combine(host.WorkingDirectory, directory));
}
