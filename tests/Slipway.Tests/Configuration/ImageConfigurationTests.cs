using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Versioning;

namespace Slipway.Tests.Configuration;

public sealed class ImageConfigurationTests
{
    private const string Project = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

        """;

    [Fact]
    public void Binds_images_and_registries_as_the_pipeline_contract_writes_them()
    {
        var config = Parse(Project + """
            [[image]]
            repository = "127.0.0.1:5000/acme/demo"
            layout = "out/oci"
            prerelease-tags = ["prerelease-v{version}-{sha7}", "prerelease"]
            release-tags = ["{version}", "{major}.{minor}", "latest"]

            [[registry]]
            host = "127.0.0.1:5000"
            username = "ci"
            password = "env:REGISTRY_PASSWORD"
            insecure = true
            """);

        var image = Assert.Single(config.Images);
        Assert.Equal("127.0.0.1:5000", image.Repository.Registry);
        Assert.Equal("acme/demo", image.Repository.Repository);
        Assert.Equal("out/oci", image.Layout);
        var fields = new TemplateFields(SemanticVersion.Parse("1.2.3+build.5"), "abcdef0123456789");
        Assert.Equal(["prerelease-v1.2.3-build.5-abcdef0", "prerelease"], ImageSection.RenderTags(image.PrereleaseTags, fields));
        Assert.Equal(["1.2.3-build.5", "1.2", "latest"], ImageSection.RenderTags(image.ReleaseTags, fields));
        var registry = Assert.Single(config.Registries);
        Assert.True(registry.Insecure);
        Assert.Equal("env:REGISTRY_PASSWORD", registry.Password!.ToString());
    }

    [Theory]
    [InlineData("[signing]\nkey = \"env:SIGNING_KEY\"\n")]
    [InlineData("[[gate]]\nname = \"unit\"\ncommand = \"true\"\n")]
    public void An_image_table_array_that_another_table_interrupts_is_refused_not_half_read(string between)
    {
        var text = Project + "[[image]]\nrepository = \"127.0.0.1:5000/acme/first\"\nlayout = \"out/first\"\n\n"
            + between + "\n[[image]]\nrepository = \"127.0.0.1:5000/acme/second\"\nlayout = \"out/second\"\n";
        var restart = text.Split('\n').ToList().LastIndexOf("[[image]]") + 1;

        var error = Assert.Throws<SlipwayException>(() => Parse(text));

        Assert.Equal(ErrorCode.ConfigTableArraySplit, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.StartsWith($"slipway.toml:{restart}:1: [[image]] starts again after another table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_table_array_that_another_table_interrupts_is_refused_too()
    {
        var error = Assert.Throws<SlipwayException>(() => TomlFile.Parse(
            "[[tool.towncrier.type]]\ndirectory = \"feature\"\n\n[tool.black]\nline-length = 88\n\n[[tool.towncrier.type]]\ndirectory = \"bugfix\"\n",
            "pyproject.toml",
            new DictionaryEnvironment(),
            new SecretRedactor()));

        Assert.Equal(ErrorCode.ConfigTableArraySplit, error.Code);
        Assert.StartsWith("pyproject.toml:7:1: [[tool.towncrier.type]] starts again", error.Message, StringComparison.Ordinal);
    }

    /// <summary>TOML forbids defining a table twice; a reader that merged them would let the second [build] change the first.</summary>
    [Theory]
    [InlineData("[build]\ncommand = \"make\"\n\n[build]\ncommand = \"true\"\n", "build", 4)]
    [InlineData("[tool.towncrier]\ndirectory = \"a\"\n[ \"tool\" . towncrier ]\nfilename = \"b\"\n", "tool.towncrier", 3)]
    public void A_table_defined_twice_is_refused_naming_the_second_header(string text, string key, int line)
    {
        var error = Assert.Throws<SlipwayException>(() => TomlFile.Parse(text, "slipway.toml", new DictionaryEnvironment(), new SecretRedactor()));

        Assert.Equal(ErrorCode.ConfigTableDefinedTwice, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.StartsWith($"slipway.toml:{line}:1: [{key}] is defined a second time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_tables_written_one_after_another_are_all_bound()
    {
        var config = Parse(Project + """
            [[image]]
            repository = "127.0.0.1:5000/acme/first"
            layout = "out/first"

            [[image]]
            repository = "127.0.0.1:5000/acme/second"
            layout = "out/second"

            [signing]
            key = "env:SIGNING_KEY"
            """);

        Assert.Equal(["acme/first", "acme/second"], config.Images.Select(i => i.Repository.Repository));
    }

    [Fact]
    public void Tag_templates_default_to_the_design()
    {
        var config = Parse(Project + """
            [[image]]
            repository = "registry.example.com/acme/demo"
            layout = "out/oci.tar"
            """);

        Assert.Equal(["{version}", "{major}.{minor}", "latest"], config.Images[0].ReleaseTags.Select(t => t.Text));
        Assert.Equal(["prerelease-v{version}-{sha7}", "prerelease"], config.Images[0].PrereleaseTags.Select(t => t.Text));
    }

    [Theory]
    [InlineData("repository = \"UPPER/case\"\nlayout = \"x\"", ErrorCode.ConfigInvalidValue, "must be lowercase")]
    [InlineData("repository = \"127.0.0.1:5000/demo:1.0\"\nlayout = \"x\"", ErrorCode.ConfigInvalidValue, "without :tag")]
    [InlineData("repository = \"127.0.0.1:5000/demo\"", ErrorCode.ConfigMissingValue, "image[0].layout")]
    [InlineData("repository = \"127.0.0.1:5000/demo\"\nlayout = \"x\"\nrelease-tags = [\"v {version}\"]", ErrorCode.ConfigInvalidValue, "valid tag")]
    [InlineData("repository = \"127.0.0.1:5000/demo\"\nlayout = \"x\"\nrelease-tags = [\"{nope}\"]", ErrorCode.ConfigInvalidValue, "unknown field")]
    [InlineData("repository = \"127.0.0.1:5000/demo\"\nlayout = \"x\"\nrelease-tag = [\"latest\"]", ErrorCode.ConfigUnknownKey, "did you mean 'release-tags'")]
    public void Refuses_a_bad_image_section_with_its_location(string body, ErrorCode code, string reason)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(Project + "[[image]]\n" + body + "\n"));

        Assert.Equal(code, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("slipway.toml:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host = \"https://registry.example.com\"", "must be a host")]
    [InlineData("host = \"r.example.com\"\nusername = \"ci\"", "needs both")]
    public void Refuses_a_bad_registry_section(string body, string reason)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(Project + "[[registry]]\n" + body + "\n"));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_password_is_required_only_when_used_and_is_redacted_once_loaded()
    {
        var redactor = new SecretRedactor();
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "p4ssw0rd-value" });
        var config = Parse(Project + "[[registry]]\nhost = \"a.example.com\"\nusername = \"ci\"\npassword = \"env:REGISTRY_PASSWORD\"\n", environment, redactor);
        // Masked from the moment the configuration is loaded, so every command masks it, also one that never resolves it.
        Assert.Equal("*** and ***", redactor.Redact("p4ssw0rd-value and ci:p4ssw0rd-value"));
        Assert.Single(Parse(Project + "[[registry]]\nhost = \"a.example.com\"\nusername = \"ci\"\npassword = \"env:REGISTRY_PASSWORD\"\n").Registries);
        var provider = new ConfiguredCredentialProvider(config.Registries, environment, redactor);

        var credentials = await provider.GetAsync("a.example.com", TestContext.Current.CancellationToken);

        Assert.Equal("p4ssw0rd-value", credentials!.Password);
        Assert.Equal("***", redactor.Redact("p4ssw0rd-value"));
        Assert.Null(await provider.GetAsync("b.example.com", TestContext.Current.CancellationToken));
    }

    private static SlipwayConfig Parse(string text, IEnvironment? environment = null, SecretRedactor? redactor = null) =>
        ConfigLoader.Parse(text, "/repo/slipway.toml", "/repo", environment ?? new DictionaryEnvironment(), redactor ?? new SecretRedactor());
}
