using System.Security.Cryptography;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Pipeline;

public sealed class ConfigurationHashTests : IDisposable
{
    private readonly TempDirectory _directory = new("config-hash");

    public void Dispose() => _directory.Dispose();

    private SlipwayConfig Config(string approval)
    {
        var path = _directory.Write("slipway.toml", $"""
            [project]
            name = "demo"
            version = {"{"} file = "VERSION", pattern = '^(?<version>\S+)$' {"}"}

            [approval]
            {approval}
            """);
        return ConfigLoader.Load(path, _directory.Path, new DictionaryEnvironment(), new SecretRedactor());
    }

    [Fact]
    public void Without_codeowners_the_hash_is_that_of_slipway_toml_as_journaled_before()
    {
        var config = Config("approvers = [\"alice\"]");
        _directory.Write(".github/CODEOWNERS", "* @mallory\n");

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(config.Path))), ConfigurationHash.Of(config));
    }

    [Fact]
    public void An_edit_of_the_codeowners_file_the_approvers_come_from_changes_the_hash()
    {
        _directory.Write(".github/CODEOWNERS", "* @alice\n");
        var config = Config("codeowners = true");
        var before = ConfigurationHash.Of(config);
        Assert.Equal(before, ConfigurationHash.Of(config));

        _directory.Write(".github/CODEOWNERS", "* @alice @mallory\n");

        Assert.NotEqual(before, ConfigurationHash.Of(config));
        Assert.NotEqual("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(config.Path))), before);
    }

    [Fact]
    public void A_codeowners_link_out_of_the_repository_is_refused_not_hashed()
    {
        using var outside = new TempDirectory("config-hash-outside");
        var target = outside.Write("OWNERS", "* @mallory\n");
        Directory.CreateDirectory(Path.Combine(_directory.Path, ".github"));
        File.CreateSymbolicLink(Path.Combine(_directory.Path, ".github", "CODEOWNERS"), target);
        var config = Config("codeowners = true");

        var error = Assert.Throws<SlipwayException>(() => ConfigurationHash.Of(config));

        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
    }
}
