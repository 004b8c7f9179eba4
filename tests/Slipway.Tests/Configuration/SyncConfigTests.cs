using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Versioning;

namespace Slipway.Tests.Configuration;

/// <summary><c>[project] sync</c> and <c>[project] bump</c> as slipway.toml spells them.</summary>
public sealed class SyncConfigTests
{
    private const string Head = "[project]\nname = \"demo\"\nversion = { toml = \"pyproject.toml\" }\n";

    private static SlipwayConfig Parse(string text) =>
        ConfigLoader.Parse(text, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());

    private static string Fails(string text)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(Head + text));
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        return $"{error.CodeText}: {error.Message}";
    }

    [Fact]
    public void Reads_each_kind_of_sync_target()
    {
        var sync = Parse(Head + """
            sync = [
              { json = "package.json" },
              { json = "package-lock.json", path = "packages..version" },
              { toml = "Cargo.toml", path = "workspace.package.version" },
              { msbuild = "Directory.Build.props" },
              { file = "src/demo/__init__.py", pattern = '__version__ = "{version}"' },
            ]
            """).Project.Sync;

        Assert.Equal(
            ["package.json (json)", "package-lock.json (json packages..version)", "Cargo.toml (toml workspace.package.version)", "Directory.Build.props (msbuild)"],
            sync.Take(4).Select(s => s.Describe()));
        var pattern = Assert.IsType<VersionSourceSpec.FilePattern>(sync[4]);
        Assert.Matches(pattern.Pattern, "__version__ = \"1.2.0rc1\"");
        Assert.DoesNotMatch(pattern.Pattern, "__version__ = '1.2.0'");
    }

    [Theory]
    [InlineData("sync = [{ file = \"x.py\", pattern = \"__version__\" }]", "SLW1007: slipway.toml:4:26: 'project.sync[0].pattern' must hold {version} exactly once")]
    [InlineData("sync = [{ file = \"x.py\", pattern = \"{version} {version}\" }]", "SLW1007: slipway.toml:4:26: 'project.sync[0].pattern' must hold {version} exactly once")]
    [InlineData("sync = [{ file = \"x.py\" }]", "SLW1006: slipway.toml:4:1: missing required value 'project.sync[0].pattern'")]
    [InlineData("sync = [{ json = \"a.json\", toml = \"b.toml\" }]", "SLW1007: slipway.toml:4:28: 'project.sync[0].toml' a sync entry names one file, not json and toml")]
    [InlineData("sync = [{ yaml = \"a.yml\" }]", "SLW1004: slipway.toml:4:11: unknown key 'project.sync[0].yaml'")]
    [InlineData("sync = [{ }]", "SLW1007: slipway.toml:4:1: 'project.sync[0].json' a sync entry names one file: { json = ")]
    [InlineData("sync = [{ json = \"a.json\", path = \"\" }]", "SLW1007: slipway.toml:4:28: 'project.sync[0].path' must be keys separated by '.'")]
    [InlineData("sync = [{ json = \"a.json\", regex = \"x\" }]", "SLW1004: slipway.toml:4:28: unknown key 'project.sync[0].regex'")]
    [InlineData("bump = { feature = \"huge\" }", "SLW1007: slipway.toml:4:10: 'project.bump.feature' must be \"major\", \"minor\" or \"patch\"")]
    public void A_malformed_entry_is_a_config_error_naming_the_key(string text, string expected) =>
        Assert.StartsWith(expected, Fails(text), StringComparison.Ordinal);

    [Fact]
    public void The_bump_mapping_adds_to_the_defaults()
    {
        var bumps = Parse(Head + "bump = { doc = \"minor\", feature = \"patch\" }\n").Project.FragmentBumps;

        Assert.Equal(BumpKind.Minor, bumps["doc"]);
        Assert.Equal(BumpKind.Patch, bumps["feature"]);
        Assert.Equal(BumpKind.Major, bumps["removal"]);
        Assert.Equal(BumpKind.Major, bumps["breaking"]);
    }
}
