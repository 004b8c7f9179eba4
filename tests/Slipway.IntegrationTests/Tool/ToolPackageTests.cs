using System.IO.Compression;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Tool;

/// <summary>
/// The dotnet tool as scripts/pack makes it: the Slipway package points to Slipway.linux-x64 (Native AOT) and to the
/// framework-dependent Slipway.any for every other platform; no symbol file ships in a package; Slipway.any installs
/// from the packed folder and runs. (The Native AOT package takes minutes to compile: scripts/pack makes it, this
/// test packs with --no-aot.)
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempDirectory _temp = new("tool-pack");

    public void Dispose() => _temp.Dispose();


    [Fact]
    public void The_packed_tool_installs_from_the_folder_and_runs_with_a_framework_dependent_fallback_and_no_symbols()
    {
        var root = RepositoryRoot.Path;
        var packages = _temp["packages"];
        var environment = new Dictionary<string, string?> { ["SLIPWAY_PACK_BUILD_DIR"] = _temp["build"], ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        var locks = LockFiles(root);
        ProcessRunner.Run(Path.Combine(root, "scripts", "pack"), ["--no-aot", packages], root, environment, timeout: TimeSpan.FromMinutes(10))
            .EnsureSuccess("scripts/pack --no-aot");

        // The framework-dependent pack restores another graph: the repository's lock files must not take it, or the
        // next restore in locked mode (CI) fails.
        Assert.Equal(locks, LockFiles(root));

        var pointer = Path.Combine(packages, "Slipway.0.1.0.nupkg");
        var fallback = Path.Combine(packages, "Slipway.any.0.1.0.nupkg");
        var settings = Entry(pointer, "DotnetToolSettings.xml");
        Assert.Contains("RuntimeIdentifier=\"linux-x64\" Id=\"Slipway.linux-x64\"", settings, StringComparison.Ordinal);
        Assert.Contains("RuntimeIdentifier=\"any\" Id=\"Slipway.any\"", settings, StringComparison.Ordinal);
        Assert.DoesNotContain(Names(fallback).Where(n => n.StartsWith("tools/", StringComparison.Ordinal)), n => n.EndsWith(".pdb", StringComparison.Ordinal) || n.EndsWith(".dbg", StringComparison.Ordinal)
            || (n.EndsWith(".xml", StringComparison.Ordinal) && !n.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal)));

        // The Native AOT build publishes no slipway.dbg either (the pack copies what publish leaves).
        var symbols = ProcessRunner.Run(
            "dotnet", ["msbuild", Path.Combine(root, "src", "Slipway.Cli"), "-getProperty:CopyOutputSymbolsToPublishDirectory", "-p:RuntimeIdentifier=linux-x64"], root, environment);
        Assert.Equal("false", symbols.EnsureSuccess("dotnet msbuild -getProperty").Out.Trim());

        var tools = _temp["tools"];
        ProcessRunner.Run("dotnet", ["tool", "install", "--tool-path", tools, "--source", packages, "Slipway.any"], root, environment, timeout: TimeSpan.FromMinutes(2))
            .EnsureSuccess("dotnet tool install");
        var version = ProcessRunner.Run(Path.Combine(tools, "slipway"), ["--version"], _temp.Path).EnsureSuccess("slipway --version");
        Assert.StartsWith("0.1.0", version.Out, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> LockFiles(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "src"), "packages.lock.json", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.ReadAllText, StringComparer.Ordinal);

    private static List<string> Names(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    private static string Entry(string package, string name)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.Entries.Single(e => e.Name == name).Open());
        return reader.ReadToEnd();
    }
}
