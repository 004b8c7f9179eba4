using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Tests.Configuration;

/// <summary>[[package]]: what binds, the defaults per kind, and every bad input with its code.</summary>
public sealed class PackageConfigTests
{
    private const string Project = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

        """;

    private static SlipwayConfig Parse(string text) =>
        ConfigLoader.Parse(Project + text, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(new Dictionary<string, string> { ["NPM_TOKEN"] = "npm-secret-value" }), new SecretRedactor());

    private static void Fails(string text, ErrorCode code, string fragment)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(text));
        Assert.Equal(code, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binds_each_package_with_its_kind_options()
    {
        var config = Parse("""
            [[package]]
            kind = "npm"
            files = "artifacts/npm/*.tgz"
            registry = "http://127.0.0.1:4873"
            token = "env:NPM_TOKEN"
            dist-tag = "beta"

            [[package]]
            kind = "nuget"
            files = ["artifacts/nuget/*.nupkg", "artifacts/nuget/*.snupkg"]
            registry = "feed"
            symbols = false

            [[package]]
            kind = "pypi"
            files = ["dist/*.whl"]
            trusted-publishing = true
            """);

        Assert.Equal(3, config.Packages.Count);
        var (npm, nuget, pypi) = (config.Packages[0], config.Packages[1], config.Packages[2]);
        Assert.Equal(["artifacts/npm/*.tgz"], npm.Files);
        Assert.Equal("NPM_TOKEN", npm.Token!.Variable);
        Assert.Equal("beta", npm.PrereleaseDistTag);
        Assert.Equal(("feed", false), (nuget.Registry, nuget.Symbols));
        Assert.True(pypi.TrustedPublishing);
        Assert.Null(pypi.Token);
        Assert.Contains(config.Secrets, s => s.Variable == "NPM_TOKEN");
    }

    [Fact]
    public void Binds_the_nuget_org_user_for_trusted_publishing()
    {
        var config = Parse("[[package]]\nkind = \"nuget\"\nfiles = [\"a/*.nupkg\"]\ntrusted-publishing = true\nuser = \"acme-bot\"");

        Assert.Equal("acme-bot", Assert.Single(config.Packages).User);
    }

    [Fact]
    public void Npm_prereleases_default_to_next_and_nuget_pushes_symbols()
    {
        var config = Parse("""
            [[package]]
            kind = "npm"
            files = ["a/*.tgz"]

            [[package]]
            kind = "nuget"
            files = ["a/*.nupkg"]
            """);

        Assert.Equal("next", config.Packages[0].PrereleaseDistTag);
        Assert.True(config.Packages[1].Symbols);
    }

    [Theory]
    [InlineData("kind = \"cargo\"\nfiles = [\"a\"]", "known package kinds: pypi, npm, nuget")]
    [InlineData("kind = \"npm\"\nfiles = []", "at least one glob")]
    [InlineData("kind = \"npm\"\nfiles = [\"../outside/*.tgz\"]", "'..' segments")]
    [InlineData("kind = \"npm\"\nfiles = [\"/abs/*.tgz\"]", "from the repository root")]
    [InlineData("kind = \"npm\"\nfiles = [\"a/**\"]", "file name pattern")]
    [InlineData("kind = \"npm\"\nfiles = [\"a/x**y/*.tgz\"]", "stands alone")]
    [InlineData("kind = \"npm\"\nfiles = [\"a/*.tgz\"]\nregistry = \"ftp://host\"", "http:// or https://")]
    [InlineData("kind = \"npm\"\nfiles = [\"a/*.tgz\"]\ntoken = \"env:NPM_TOKEN\"\ntrusted-publishing = true", "use one credential")]
    [InlineData("kind = \"npm\"\nfiles = [\"a/*.tgz\"]\ndist-tag = \"latest\"", "other than latest")]
    [InlineData("kind = \"nuget\"\nfiles = [\"a/*.nupkg\"]\ndist-tag = \"next\"", "is an npm option")]
    [InlineData("kind = \"npm\"\nfiles = [\"a/*.tgz\"]\nsymbols = true", "is a nuget option")]
    [InlineData("kind = \"nuget\"\nfiles = [\"a/*.nupkg\"]\ntrusted-publishing = true", "is needed with trusted-publishing = true")]
    [InlineData("kind = \"nuget\"\nfiles = [\"a/*.nupkg\"]\nuser = \"me\"", "set trusted-publishing = true or leave it out")]
    [InlineData("kind = \"pypi\"\nfiles = [\"a/*.whl\"]\ntrusted-publishing = true\nuser = \"me\"", "is a nuget option")]
    public void Bad_package_settings_are_refused_with_the_key(string body, string fragment) =>
        Fails("[[package]]\n" + body + "\n", ErrorCode.ConfigInvalidValue, fragment);

    [Fact]
    public void A_literal_token_is_refused() =>
        Fails("[[package]]\nkind = \"npm\"\nfiles = [\"a/*.tgz\"]\ntoken = \"npm_abcdef\"\n", ErrorCode.LiteralSecretInConfig, "package[0].token");

    [Fact]
    public void A_misspelt_key_is_named() =>
        Fails("[[package]]\nkind = \"npm\"\nfiles = [\"a/*.tgz\"]\ndisttag = \"x\"\n", ErrorCode.ConfigUnknownKey, "dist-tag");
}
