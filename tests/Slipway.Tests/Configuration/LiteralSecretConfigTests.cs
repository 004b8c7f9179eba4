using Slipway.Configuration;
using Slipway.Diagnostics;

namespace Slipway.Tests.Configuration;

public sealed class LiteralSecretConfigTests
{
    private const string Project = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

        """;

    private const string Pem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgliteralkeybody\n-----END PRIVATE KEY-----\n";

    public static TheoryData<string, string, string> Literals() => new()
    {
        { "[[registry]]\nhost = \"a.example.com\"\nusername = \"ci\"\npassword = \"hunter2-literal\"\n", "slipway.toml:7:1: 'registry[0].password'", "hunter2-literal" },
        { "[state]\nstore = \"postgres:Host=db;Database=slipway\"\npassword = \"db-literal-pw\"\n", "slipway.toml:6:1: 'state.password'", "db-literal-pw" },
        { $"[signing]\nkey = \"\"\"\n{Pem}\"\"\"\n", "slipway.toml:5:1: 'signing.key'", "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgliteralkeybody" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void A_secret_written_into_slipway_toml_is_a_configuration_error_at_its_position(string section, string where, string value)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(Project + section));

        Assert.Equal(ErrorCode.LiteralSecretInConfig, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.StartsWith(where + " is a secret written into the file", error.Message, StringComparison.Ordinal);
        Assert.Contains("env:NAME", error.Message, StringComparison.Ordinal);
        Assert.Contains("allow-literal-secrets = true", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Literals))]
    public void Allow_literal_secrets_accepts_them_and_masks_them(string section, string where, string value)
    {
        _ = where;
        var redactor = new SecretRedactor();

        Parse(Project.Replace("[project]\n", "[project]\nallow-literal-secrets = true\n", StringComparison.Ordinal) + section, redactor);

        Assert.Equal("leaked ***", redactor.Redact("leaked " + value));
    }

    [Fact]
    public void A_key_path_and_env_passwords_are_not_literal_secrets()
    {
        var config = Parse(Project + "[signing]\nkey = \"keys/release.key\"\n\n[[registry]]\nhost = \"a.example.com\"\nusername = \"ci\"\npassword = \"env:PW\"\n");

        Assert.Equal("keys/release.key", config.Signing.Key);
        Assert.False(config.Project.AllowLiteralSecrets);
    }

    private static SlipwayConfig Parse(string text, SecretRedactor? redactor = null) =>
        ConfigLoader.Parse(text, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(), redactor ?? new SecretRedactor());
}
