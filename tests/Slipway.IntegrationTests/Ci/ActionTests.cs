using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Slipway.Ci;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Ci;

/// <summary>
/// action.yml is a valid composite action to GitHub's parser, pins what the one table pins, installs the version of
/// this commit by default, and its installer refuses a package whose SHA-256 is not the expected one.
/// </summary>
public sealed partial class ActionTests : IDisposable
{
    private readonly TempDirectory _temp = new("action");

    public void Dispose() => _temp.Dispose();

    private static string ActionFile => Path.Combine(RepositoryRoot.Path, "action.yml");

    [Fact]
    public void Action_yml_is_a_valid_composite_action()
    {
        var result = WorkflowValidator.Run(ActionFile, "--action");
        Assert.True(result.ExitCode == 0, result.Err);
    }

    [Fact]
    public void A_broken_action_fails_the_validator()
    {
        var broken = _temp.Write("action.yml", File.ReadAllText(ActionFile).Replace("using: composite", "using: compost", StringComparison.Ordinal));
        var result = WorkflowValidator.Run(broken, "--action");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("compost", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Action_yml_pins_every_action_by_the_commit_of_the_one_table_and_installs_this_commits_version()
    {
        var text = File.ReadAllText(ActionFile);
        var uses = Uses().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.NotEmpty(uses);
        foreach (var (reference, comment) in uses)
        {
            var pinned = PinnedActions.All.SingleOrDefault(p => p.Uses == reference);
            Assert.True(pinned is not null, $"action.yml uses {reference}, which is not in PinnedActions");
            Assert.Equal(pinned.Version, comment);
        }

        var props = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Directory.Build.props"));
        var version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.Contains($"default: '{version}'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_installer_refuses_a_package_whose_checksum_differs_and_installs_nothing()
    {
        var feed = Feed("0.1.0");
        var tools = _temp["tools"];
        var wrong = new string('0', 64);
        var result = Install("0.1.0", new Uri(feed).AbsoluteUri, tools, $"{wrong}  slipway.0.1.0.nupkg\n{wrong}  slipway.linux-x64.0.1.0.nupkg\n{wrong}  slipway.any.0.1.0.nupkg");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"slipway.0.1.0.nupkg has SHA-256 {Sha256(Path.Combine(feed, "slipway", "0.1.0", "slipway.0.1.0.nupkg"))}, expected {wrong}; nothing installed", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(tools));
    }

    [Fact]
    public void The_installer_refuses_a_package_it_has_no_checksum_for()
    {
        var feed = Feed("0.1.0");
        var pointer = Sha256(Path.Combine(feed, "slipway", "0.1.0", "slipway.0.1.0.nupkg"));
        var result = Install("0.1.0", new Uri(feed).AbsoluteUri, _temp["tools"], $"{pointer}  slipway.0.1.0.nupkg");
        Assert.Equal(1, result.ExitCode);
        Assert.Matches("no checksum given for slipway\\.(linux-x64|any)\\.0\\.1\\.0\\.nupkg", result.Err);
        Assert.False(Directory.Exists(_temp["tools"]));
    }

    [Fact]
    public void The_installer_refuses_a_version_without_a_known_checksum_before_downloading()
    {
        var result = Install("0.1.0", "file:///nonexistent", _temp["tools"], string.Empty);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no checksum is known for slipway 0.1.0", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("1.0.0; rm -rf /")]
    public void The_installer_refuses_a_version_that_is_not_semver(string version)
    {
        var result = Install(version, "file:///nonexistent", _temp["tools"], "x  y");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a SemVer version", result.Err, StringComparison.Ordinal);
    }

    private ProcessResult Install(string version, string source, string tools, string checksums) =>
        ProcessRunner.Run(
            Path.Combine(RepositoryRoot.Path, "tools", "ci", "install-slipway.sh"),
            [],
            _temp.Path,
            new Dictionary<string, string?>
            {
                ["SLIPWAY_VERSION"] = version,
                ["SLIPWAY_SOURCE"] = source,
                ["SLIPWAY_TOOL_PATH"] = tools,
                ["SLIPWAY_CHECKSUMS"] = checksums,
                ["GITHUB_PATH"] = null,
            });

    /// <summary>A NuGet flat container on disk with stand-in packages (never installed: the checksum refuses them first).</summary>
    private string Feed(string version)
    {
        foreach (var id in new[] { "slipway", "slipway.linux-x64", "slipway.any" })
        {
            _temp.Write(Path.Combine("feed", id, version, $"{id}.{version}.nupkg"), $"not really {id}");
        }

        return _temp["feed"];
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [GeneratedRegex(@"uses: (\S+) # (\S+)")]
    private static partial Regex Uses();
}
