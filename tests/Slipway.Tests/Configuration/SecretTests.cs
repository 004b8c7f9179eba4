using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Tests.Configuration;

public sealed class SecretTests
{
    [Fact]
    public void Secret_resolves_lazily_and_registers_its_value()
    {
        var table = TomlFile.Parse("token = \"env:FORGE_TOKEN\"\n", "slipway.toml", new DictionaryEnvironment(), new SecretRedactor());
        var secret = table.GetSecret("token")!;
        Assert.Equal("env:FORGE_TOKEN", secret.ToString());

        var redactor = new SecretRedactor();
        var value = secret.Resolve(new DictionaryEnvironment(new Dictionary<string, string> { ["FORGE_TOKEN"] = "ghp_abcdef123456" }), redactor);
        Assert.Equal("ghp_abcdef123456", value);
        Assert.Equal("Authorization: Bearer ***", redactor.Redact("Authorization: Bearer ghp_abcdef123456"));
    }

    [Fact]
    public void Unset_secret_fails_only_when_resolved()
    {
        var table = TomlFile.Parse("token = \"env:FORGE_TOKEN\"\n", "slipway.toml", new DictionaryEnvironment(), new SecretRedactor());
        var secret = table.GetSecret("token")!;
        var error = Assert.Throws<SlipwayException>(() => secret.Resolve(new DictionaryEnvironment(), new SecretRedactor()));
        Assert.Equal(ErrorCode.EnvironmentVariableMissing, error.Code);
        Assert.Contains("FORGE_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Literal_secret_never_prints_its_value()
    {
        var table = TomlFile.Parse("token = \"plain-text-token\"\n", "slipway.toml", new DictionaryEnvironment(), new SecretRedactor());
        Assert.Equal(SecretRedactor.Mask, table.GetSecret("token")!.ToString());
    }

    [Fact]
    public void Redactor_masks_longest_secret_first_and_ignores_trivial_values()
    {
        var redactor = new SecretRedactor();
        redactor.Register("abcd");
        redactor.Register("abcdefgh");
        redactor.Register("1");
        Assert.Equal("*** and *** and 1", redactor.Redact("abcdefgh and abcd and 1"));
    }

    [Fact]
    public void A_secret_bearing_key_any_section_binds_is_masked_once_bound_and_kept_for_the_run()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["FUTURE_TOKEN"] = "npm_0123456789abcdef" });
        var redactor = new SecretRedactor();
        var root = TomlFile.Parse("[publisher]\nkind = \"npm\"\ntoken = \"env:FUTURE_TOKEN\"\n", "slipway.toml", environment, redactor);

        var secret = root.GetTable("publisher")!.GetSecret("token")!;

        Assert.Equal("publish with ***", redactor.Redact("publish with npm_0123456789abcdef"));
        var runRedactor = new SecretRedactor();
        var config = ConfigLoader.Parse(
            "[project]\nname = \"demo\"\nversion = { file = \"VERSION\", pattern = '^(?<version>\\S+)$' }\n", "slipway.toml", Path.GetTempPath(), environment, new SecretRedactor());
        ConfiguredSecrets.Register(config with { Secrets = root.BoundSecrets }, environment, runRedactor);
        Assert.Equal("publish with ***", runRedactor.Redact("publish with npm_0123456789abcdef"));
        Assert.Same(secret, Assert.Single(root.BoundSecrets));
    }

    [Fact]
    public void A_literal_that_is_a_setting_is_bound_but_never_masked()
    {
        var redactor = new SecretRedactor();
        var root = TomlFile.Parse("[env]\nCI = \"true-ish\"\n", "slipway.toml", new DictionaryEnvironment(), redactor);

        root.GetTable("env")!.GetSecret("CI", s => s with { LiteralIsSecret = false });

        Assert.Equal("CI=true-ish", redactor.Redact("CI=true-ish"));
    }

    [Fact]
    public void A_password_sent_behind_its_user_is_masked_in_that_form_too()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "hunter2-hunter2" });
        var redactor = new SecretRedactor();
        var root = TomlFile.Parse("password = \"env:REGISTRY_PASSWORD\"\n", "slipway.toml", environment, redactor);

        root.GetSecret("password", s => s with { SentAfter = "ci:" });

        var basic = Convert.ToBase64String("ci:hunter2-hunter2"u8);
        Assert.Equal("Authorization: Basic ***", redactor.Redact($"Authorization: Basic {basic}"));
    }
}
