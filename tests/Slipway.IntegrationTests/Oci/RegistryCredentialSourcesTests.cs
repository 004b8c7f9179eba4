using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Oci;

/// <summary>The CLI finds registry credentials in slipway.toml ([[registry]], password from env:) and in Docker's config.json.</summary>
[Collection(BasicAuthRegistryGroup.Name)]
public sealed class RegistryCredentialSourcesTests(BasicAuthRegistry server) : RegistryTest(server, "credentials")
{
    [Fact]
    public async Task Credentials_come_from_a_registry_section_with_the_password_in_the_environment()
    {
        var layout = TestImages.MultiPlatformIndex(Temp["oci"]);
        Temp.Write("VERSION", "1.0.0\n");
        Temp.Write("slipway.toml", $$"""
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

            [[registry]]
            host = "{{Registry.Host}}"
            username = "{{RegistryFixture.Username}}"
            password = "env:REGISTRY_PASSWORD"
            """);
        var environment = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = RegistryFixture.Password, ["HOME"] = Temp.Path };

        var result = await CliRunner.RunAsync(Temp.Path, environment, "image", "push", layout.Path, $"{Registry.Host}/{Repository}:v1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(layout.Top.Digest.ToString(), result.Out.Trim());
    }

    [Fact]
    public async Task A_registry_section_whose_password_variable_is_unset_says_which_variable()
    {
        Temp.Write("VERSION", "1.0.0\n");
        Temp.Write("slipway.toml", $$"""
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

            [[registry]]
            host = "{{Registry.Host}}"
            username = "{{RegistryFixture.Username}}"
            password = "env:REGISTRY_PASSWORD"
            """);

        var result = await CliRunner.RunAsync(Temp.Path, new Dictionary<string, string> { ["HOME"] = Temp.Path }, "image", "inspect", $"{Registry.Host}/{Repository}:v1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SLW1008", result.Err, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_PASSWORD", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_come_from_docker_config_json()
    {
        var layout = TestImages.SingleManifest(Temp["oci"]);
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{RegistryFixture.Username}:{RegistryFixture.Password}"));
        Temp.Write(".docker/config.json", """{"auths":{"HOST":{"auth":"AUTH"}}}""".Replace("HOST", Registry.Host, StringComparison.Ordinal).Replace("AUTH", auth, StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(Temp.Path, new Dictionary<string, string> { ["HOME"] = Temp.Path }, "image", "push", layout.Path, $"{Registry.Host}/{Repository}:v1");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var client = Registry.CreateClient();
        Assert.Equal(layout.Top.Digest, await client.ResolveAsync(Registry.Reference(Repository, "v1"), Ct));
    }

    [Fact]
    public async Task Without_credentials_a_protected_registry_is_a_401_failure()
    {
        var result = await CliRunner.RunAsync(Temp.Path, new Dictionary<string, string> { ["HOME"] = Temp.Path }, "image", "inspect", $"{Registry.Host}/{Repository}:v1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLW4010", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "a:1", "b:1", "--digest", "sha256:0000000000000000000000000000000000000000000000000000000000000000", "--tag", "x" }, "each SRC needs its own --digest")]
    [InlineData(new[] { "a:1", "b:1", "--digest", "sha256:0000000000000000000000000000000000000000000000000000000000000000", "--digest", "sha256:0000000000000000000000000000000000000000000000000000000000000000", "--tag", "x", "--to", "c" }, "--to takes one SRC")]
    public async Task Promote_usage_errors_exit_2(string[] arguments, string message)
    {
        var result = await CliRunner.RunAsync(Temp.Path, ["image", "promote", .. arguments.Select(a => a.Contains(':', StringComparison.Ordinal) && !a.StartsWith("sha256", StringComparison.Ordinal) ? $"{Registry.Host}/{Repository}/{a}" : a)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
    }
}
