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
}
